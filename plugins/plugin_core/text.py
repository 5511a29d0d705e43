"""Text measures shared by our plugins."""

import re

TAG = re.compile(r"<[^>]*>")


def word_count(html):
    """Words in an HTML fragment, markup ignored."""
    return len(TAG.sub(" ", html).split())
