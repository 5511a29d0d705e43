"""Copy the files in the theme's `root/` folder to the top of the output.

Some files must sit at the site's root, where browsers, feed readers and phones look for them
without any link: `/favicon.ico`, `/apple-touch-icon.png`. Pelican copies a theme's static
files under `/theme/` only. A file of the same name written by the site itself (content, a
plugin) is an error naming both, rather than one silently replacing the other.
"""

import os
import shutil

from pelican import signals
from pelican.generators import Generator
from plugin_core import plugin_logger

log = plugin_logger("theme_root", __name__)
FOLDER = "root"


class ThemeRootGenerator(Generator):
    def generate_context(self):
        pass

    def generate_output(self, writer):
        source = os.path.join(self.theme, FOLDER)
        if not os.path.isdir(source):
            return
        # Static files are copied after this generator runs; all contexts exist by now.
        static = {item.save_as for item in self.context.get("staticfiles", ())}
        for name in sorted(os.listdir(source)):
            path = os.path.join(source, name)
            target = os.path.join(self.output_path, name)
            if not os.path.isfile(path):
                continue
            if name in static or os.path.exists(target):
                log.error("%s: the site already writes %s", path, name)
                continue
            shutil.copyfile(path, target)


def get_generators(pelican):
    return ThemeRootGenerator


def register():
    signals.get_generators.connect(get_generators)
