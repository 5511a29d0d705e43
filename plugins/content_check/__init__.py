from .content_check import register  # noqa: F401
