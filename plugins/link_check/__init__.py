from .link_check import register  # noqa: F401
