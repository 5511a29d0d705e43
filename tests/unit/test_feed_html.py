"""plugins/feeds/entry_html.py: entry content made fit for readers and email."""

import markdown
import pytest
from bs4 import BeautifulSoup
from feeds.entry_html import feed_html, parse

PAGE = "https://example.org/blog/post/"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="/about/">a</a>', '<a href="https://example.org/about/">a</a>'),
        ('<a href="../other/">a</a>', '<a href="https://example.org/blog/other/">a</a>'),
        ('<a href="#n">a</a>', '<a href="https://example.org/blog/post/#n">a</a>'),
        (
            '<a href="https://x.org/?a=1&amp;b=2">a</a>',
            '<a href="https://x.org/?a=1&amp;b=2">a</a>',
        ),
        (
            '<img src="i.png" srcset="i.png 1x, /j.png 2x" width="3" height="4" alt="">',
            '<img src="https://example.org/blog/post/i.png" srcset="https://example.org/blog/'
            'post/i.png 1x, https://example.org/j.png 2x" width="3" height="4" alt="">',
        ),
        (
            '<video poster="p.png" controls></video>',
            '<video poster="https://example.org/blog/post/p.png" controls></video>',
        ),
        ('<img src="data:image/png;base64,AA">', '<img src="data:image/png;base64,AA">'),
        ('<a href="javascript:x()">a</a>', "<a>a</a>"),
        ('<a href="data:text/html,x">a</a>', "<a>a</a>"),
        ('<p onclick="x()">t &amp; &#8217;</p>', "<p>t &amp; &#8217;</p>"),
        ("<div><form><div><input></div></form>after</div>", "<div>after</div>"),
        ("<div hidden><div>x</div></div>kept", "kept"),
        ("<script>a<b</script><noscript>n</noscript><dialog>d</dialog>x", "x"),
        ("a<!-- note -->b", "ab"),
        (
            '<iframe src="https://v.example/e" title="Talk"></iframe>z',
            '<p><a href="https://v.example/e">Talk</a></p>z',
        ),
        (
            '<iframe src="/e"/>z',
            '<p><a href="https://example.org/e">https://example.org/e</a></p>z',
        ),
        ("<br/>", "<br/>"),
        (
            '<IMG SRC="i.png" ALT=\'a "b"\'>',
            '<img src="https://example.org/blog/post/i.png" alt="a &quot;b&quot;">',
        ),
        (
            '<a title="x > y" href=rel>a</a>',
            '<a title="x &gt; y" href="https://example.org/blog/post/rel">a</a>',
        ),
        ('<P ONCLICK="x()">t</P>', "<p>t</p>"),
        # No URL at all (a placeholder host): dropped, not a crash; the link check names it.
        ('<a href="https://[your-domain]/thank-you/">a</a>', "<a>a</a>"),
        (
            '<img src="a.png" srcset="http://[::1/ 2x, b.png 1x">',
            '<img src="https://example.org/blog/post/a.png" '
            'srcset="https://example.org/blog/post/b.png 1x">',
        ),
        ('<iframe src="javascript:x()"></iframe>z', "z"),
        # Where an attribute name can start without a space before it: after "/" or a quote.
        ('<a/href="/x/">a</a>', '<a href="https://example.org/x/">a</a>'),
        (
            '<img alt="a"src="b.png"><h2 id="t" class="on">t</h2>',
            '<img alt="a" src="https://example.org/blog/post/b.png"><h2 id="t" class="on">t</h2>',
        ),
        ('<p Hidden>x</p>y<p class="x">z</p>', 'y<p class="x">z</p>'),
    ],
)
def test_feed_html(html, expected):
    assert feed_html(html, PAGE) == expected


def test_without_an_absolute_address_links_and_images_stay_relative_not_dropped():
    # No FEED_DOMAIN and no SITEURL (a development build): the build warns, the links stay.
    html = '<a href="../about/">a</a><img src="i.png"><video poster="p.png"></video>'
    assert feed_html(html, "/post/") == (
        '<a href="/about/">a</a><img src="/post/i.png"><video poster="/post/p.png"></video>'
    )
    assert feed_html('<a href="javascript:x()">a</a>', "/post/") == "<a>a</a>"


def test_the_quick_rewrite_means_what_the_parser_would_write():
    # Entries with nothing to remove skip the parser; the result must be the same document.
    source = """# Title & "quotes"

Text with [a link](/about/ "A <title>"), [another](../x/?a=1&b=2#frag), an
![image](pics/a.png "t") and `<code href="x">` and a footnote.[^1]

| a | b |
|---|---|
| [c](c.html) | <span data-x='1'>d</span> |

<figure><img src=plain.png alt="x"><figcaption>cap</figcaption></figure>

<a HREF='upper.html' class=k>upper</a> <img srcset="s.png 1x, /t.png 2x" src="s.png">

    <a href="indented">code</a>

[^1]: The note.
"""
    html = markdown.markdown(source, extensions=["markdown.extensions.extra"])
    quick = feed_html(html, PAGE)
    assert quick != parse(html, PAGE)  # unchanged tags are copied as written, not rewritten
    assert BeautifulSoup(quick, "html.parser") == BeautifulSoup(parse(html, PAGE), "html.parser")
    assert 'href="https://example.org/blog/x/?a=1&amp;b=2#frag"' in quick
