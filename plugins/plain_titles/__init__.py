import os
import sys

# plugin_core sits next to this plugin; Pelican does not put PLUGIN_PATHS on sys.path.
sys.path.append(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from .plain_titles import register  # noqa: F401
