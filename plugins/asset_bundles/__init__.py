from .asset_bundles import register  # noqa: F401
