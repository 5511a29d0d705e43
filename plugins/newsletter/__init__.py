from .newsletter import register  # noqa: F401
