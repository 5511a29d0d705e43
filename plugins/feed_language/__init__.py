from .feed_language import register  # noqa: F401
