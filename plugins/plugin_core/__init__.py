"""What our plugins share, and nothing else: settings validation with one message format and
"did you mean", the walk over Pelican's content lists, output path to URL, logging under the
plugin's name, and a word count. Not a plugin itself: never list it in PLUGINS. See README.md.

A plugin imports it by name. Pelican loads plugins from PLUGIN_PATHS without putting those
folders on `sys.path`, so each plugin's `__init__.py` adds its own parent folder, where
plugin_core sits next to it, before importing its module (README.md, "Using it").
"""

from .content import ARTICLE_LISTS, PAGE_LISTS, all_contents, contents
from .log import PluginLogger, plugin_logger
from .settings import (
    NO_VALUE,
    Problem,
    Setting,
    SettingsSpec,
    Values,
    closest,
    declared_settings,
    positive_integer,
    whole_number,
)
from .text import autoescaped, measure, word_count
from .urls import url_for

__all__ = [
    "ARTICLE_LISTS",
    "NO_VALUE",
    "PAGE_LISTS",
    "PluginLogger",
    "Problem",
    "Setting",
    "SettingsSpec",
    "Values",
    "all_contents",
    "autoescaped",
    "closest",
    "contents",
    "declared_settings",
    "measure",
    "plugin_logger",
    "positive_integer",
    "url_for",
    "whole_number",
    "word_count",
]
