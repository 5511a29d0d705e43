from .url_cache import register  # noqa: F401
