from .series_nav import register  # noqa: F401
