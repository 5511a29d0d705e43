"""plugins/typography gives exactly SmartyPants' result, as characters, on whole pages."""

import markdown
import pytest
import smartypants
from typography.typography import DASHES, educate

from bench.bench import generate

EDGES = [
    '<p>"</p><em>x</em>"',
    '<code>\'</code>\'s and <kbd>"k"</kbd> "k"',
    "'",
    '"',
    "a\\\"b\\\" -- c... and ``back''",
    '"...hm" and "(a)" and \'[b]\'',
    "<p>'(a)'</p><p>the '80s and '90s</p>",
    "x<b>\"</b>y <i>rock</i>'n'roll a -<b>-</b> b",
    "\"'Quoted' words\" in '\"a larger\" quote'",
    "5' 11\" tall, it's, 'tis, the Joneses' house",
    "a  'b' \"c\" 'd'  e\n'f'\t\"g\" '--' \"--\" --'x' &nbsp;'y' &#8212;\"z\"",
    "He said &quot;so&quot; -- and she---didn't . . . reply",
]
PAGES = "\n".join(EDGES)


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """Synthetic articles (the benchmark's, with quotes, apostrophes, dashes and dots) as
    HTML, and the edge cases above."""
    content = tmp_path_factory.mktemp("typography")
    generate(content, 60)
    md = markdown.Markdown(extensions=["markdown.extensions.extra"], output_format="html5")
    html = [md.reset().convert(p.read_text().split("\n\n", 1)[1]) for p in content.rglob("*.md")]
    return [*html, *EDGES, PAGES]


@pytest.mark.parametrize("dashes", DASHES)
def test_same_result_as_smartypants(pages, dashes):
    rule = {"default": smartypants.Attr.d, "oldschool": smartypants.Attr.D}
    rule["oldschool_inverted"] = smartypants.Attr.i
    # q: quotes, b: ``backticks'', e: ellipses, u: characters, w: &quot; as a quote.
    attr = smartypants.Attr.q | smartypants.Attr.b | smartypants.Attr.e
    attr |= smartypants.Attr.u | smartypants.Attr.w | rule[dashes]
    converted = 0
    for page in pages:
        expected = smartypants.smartypants(page, attr)
        assert educate(page, DASHES[dashes]) == expected, page
        converted += expected != page
    assert converted > len(pages) // 2  # the pages do hold something to convert


def test_comments_are_left_alone():
    assert educate('<!-- "a" -- b --> "c"', DASHES["oldschool"]) == '<!-- "a" -- b --> “c”'
