"""Output path -> URL, as Pelican's pretty URLs have it."""

import os

INDEX = "index.html"


def url_for(save_as, output_path=None):
    """The site-relative URL of an output file: `about/index.html` -> `about/`,
    `index.html` -> `` (the home page), `404.html` and `reindex.html` unchanged.

    Only a last path segment that is exactly `index.html` is dropped. `save_as` is relative
    to the output directory, or absolute when `output_path` is given. The result has `/`
    separators and no leading slash, like Pelican's `url` attributes: join it with
    `f"{SITEURL}/{url}"`.
    """
    path = os.fspath(save_as)
    if output_path is not None:
        path = os.path.relpath(path, os.fspath(output_path))
    path = path.replace(os.sep, "/").lstrip("/")
    if path == "." or path.startswith("../") or path == "..":
        raise ValueError(f"{save_as} is not inside the output directory {output_path}")
    head, _, last = path.rpartition("/")
    if last == INDEX:
        return f"{head}/" if head else ""
    return path
