"""Production settings for `make publish`: everything in pelicanconf.py, plus absolute URLs."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

# The owner's domain. Set SITEURL in the environment to override it for one build (the
# GitHub Actions workflow and netlify.toml set it to the address the host serves the site at).
SITEURL = (os.environ.get("SITEURL") or "https://thrivingpractice.example").rstrip("/")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL

DELETE_OUTPUT_DIRECTORY = True
# Drafts and future-dated (scheduled) articles and pages are not written at all: a published
# site has no private pages for anyone to find. `make html` keeps previews under drafts/.
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
# Precompressed .gz and .br copies of every text file, for hosts that serve them
# (nginx `gzip_static` / `brotli_static`).
PLUGINS = [*PLUGINS, "pelican.plugins.precompress"]  # noqa: F405
# A publish build always starts from the sources, never from a stale cache.
LOAD_CONTENT_CACHE = False
