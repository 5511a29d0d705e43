from .deploy_headers import register  # noqa: F401
