"""deploy_headers' pure parts: the `_headers` text and the settings' names."""

import pytest
from deploy_headers.deploy_headers import DEFAULTS, render, unknown_settings


def test_rules_become_netlify_headers_text_in_order():
    rules = {
        "/*": {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"},
        "/theme/*": {"Cache-Control": "public, max-age=31536000, immutable"},
    }
    assert render(rules) == (
        "/*\n"
        "  X-Content-Type-Options: nosniff\n"
        "  Referrer-Policy: no-referrer\n"
        "/theme/*\n"
        "  Cache-Control: public, max-age=31536000, immutable\n"
    )


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ("/*", "must be a dict"),
        ({"*": {"A": "b"}}, "pattern '*' must be a string starting with '/'"),
        ({"/*": "A: b"}, "the headers of '/*' must be a dict"),
        ({"/*": {"Max-Age": 60}}, "header 'Max-Age': 60 for '/*' must be two strings"),
        ({"/*": {"A": "b\nSet-Cookie: x"}}, "header 'A' for '/*' has a line break or colon"),
        ({"/*": {"A: b": "c"}}, "header 'A: b' for '/*' has a line break or colon"),
    ],
)
def test_a_bad_rule_is_refused_with_what_is_wrong(rules, message):
    with pytest.raises(ValueError, match=message.replace("*", r"\*")):
        render(rules)


def test_misspelt_settings_warn_with_the_closest_name():
    settings = {
        "DEPLOY_HEADER": {},
        "DEPLOY_HEADERS_FILES": "x",
        "DEPLOY_HEADERS_COLOUR": 1,
        **DEFAULTS,
    }
    assert unknown_settings(settings) == [
        "deploy_headers: unknown setting DEPLOY_HEADER; did you mean DEPLOY_HEADERS?",
        "deploy_headers: unknown setting DEPLOY_HEADERS_COLOUR",
        "deploy_headers: unknown setting DEPLOY_HEADERS_FILES; did you mean DEPLOY_HEADERS_FILE?",
    ]
