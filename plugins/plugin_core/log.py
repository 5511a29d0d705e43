"""Logging under the plugin's name: every message starts with it (`series: ...`)."""

import logging


class PluginLogger(logging.LoggerAdapter):
    """A logger whose messages start with `<plugin>: `, the way the strict build lists them."""

    def __init__(self, plugin, logger):
        super().__init__(logger, {"plugin": plugin})
        self.plugin = plugin

    def process(self, msg, kwargs):
        return f"{self.plugin}: {msg}", kwargs


def plugin_logger(plugin, module_name):
    """The logger of `module_name` (pass `__name__`), with `plugin`'s name in front of
    every message.

    Pelican's loggers drop a message already logged once in the process; a rebuild in the
    same process (devserver, tests) must report the same problems again, so that filter is
    off for this logger."""
    logger = logging.getLogger(module_name)
    disable = getattr(logger, "disable_filter", None)
    if disable is not None:
        disable()
    return PluginLogger(plugin, logger)
