from .subscribe_popup import register  # noqa: F401
