from .plain_titles import register  # noqa: F401
