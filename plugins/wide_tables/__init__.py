from .wide_tables import register  # noqa: F401
