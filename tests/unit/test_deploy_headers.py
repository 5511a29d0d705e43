"""deploy_headers' pure parts: the `_headers` text and the settings' names."""

import pytest
from deploy_headers.deploy_headers import SETTINGS, render


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
        **SETTINGS.defaults(),
    }
    assert [str(problem) for problem in SETTINGS.unknown(settings)] == [
        "DEPLOY_HEADER: unknown setting; did you mean DEPLOY_HEADERS?",
        "DEPLOY_HEADERS_COLOUR: unknown setting",
        "DEPLOY_HEADERS_FILES: unknown setting; did you mean DEPLOY_HEADERS_FILE?",
    ]


@pytest.mark.parametrize("filename", ["../_headers", "deploy/_headers", 3])
def test_the_headers_file_must_be_a_file_name(filename):
    assert [str(p) for p in SETTINGS.read({"DEPLOY_HEADERS_FILE": filename})[1]] == [
        f"DEPLOY_HEADERS_FILE: must be a file name, got {filename!r}"
    ]
