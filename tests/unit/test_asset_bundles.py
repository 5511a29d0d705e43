"""asset_bundles' pure parts: settings, and one bundle from its sources."""

import hashlib

import pytest
from asset_bundles.asset_bundles import SETTINGS, build_bundle

DEFAULTS = dict(SETTINGS.defaults())


def read_config(settings):
    values, problems = SETTINGS.read(settings)
    return dict(values), [str(problem) for problem in problems]


@pytest.fixture
def source_dir(tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "a.css").write_text("body {\n  color: red;\n}\n")
    (tmp_path / "css" / "b.css").write_text("p { margin: 0 }\n")
    (tmp_path / "css" / "latin1.css").write_bytes("/* café */".encode("latin-1"))
    return tmp_path


def test_a_bundle_is_its_sources_in_order_named_by_its_hash(source_dir):
    path, data = build_bundle("css/site.css", ["css/a.css", "css/b.css"], source_dir, False)
    assert data == b"body {\n  color: red;\n}\n\np { margin: 0 }\n"
    assert path == f"css/site.{hashlib.sha256(data).hexdigest()[:10]}.css"


def test_minifying_shrinks_the_bundle_and_changes_its_name(source_dir):
    plain_path, plain = build_bundle("css/site.css", ["css/a.css"], source_dir, False)
    small_path, small = build_bundle("css/site.css", ["css/a.css"], source_dir, True)
    assert small == b"body{color:red}"
    assert len(small) < len(plain)
    assert small_path != plain_path


@pytest.mark.parametrize(
    ("name", "files", "message"),
    [
        ("css/site.scss", ["css/a.css"], "ASSET_BUNDLES['css/site.scss']: the name must end in"),
        (
            "css/site.css",
            ["css/aa.css"],
            "ASSET_BUNDLES['css/site.css']: no such source file in ",
        ),
        ("css/site.css", ["css"], "ASSET_BUNDLES['css/site.css']: a source file is a folder in "),
        ("css/site.css", ["css/latin1.css"], "ASSET_BUNDLES['css/site.css']: a source file in "),
    ],
)
def test_a_bad_bundle_names_itself(source_dir, name, files, message):
    with pytest.raises(ValueError, match="^" + message.replace("[", r"\[")) as raised:
        build_bundle(name, files, source_dir, True)
    assert "\n" not in str(raised.value)


def test_a_missing_source_names_the_file_and_the_closest_one(source_dir):
    with pytest.raises(ValueError, match="no such source file") as raised:
        build_bundle("css/site.css", ["css/a.css", "css/aa.css"], source_dir, True)
    assert str(raised.value).endswith(", got 'css/aa.css'; did you mean css/a.css?")


def test_a_source_that_is_not_utf8_says_so(source_dir):
    with pytest.raises(ValueError, match=r"is not UTF-8 text, got 'css/latin1\.css'$"):
        build_bundle("css/site.css", ["css/latin1.css"], source_dir, True)


def test_defaults_hold_when_nothing_is_set():
    assert read_config({}) == (DEFAULTS, [])


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ASSET_BUNDLES", ["css/site.css"]),
        ("ASSET_BUNDLES", {"css/site.css": "css/site.css"}),
        ("ASSET_BUNDLES", {"/css/site.css": ["css/site.css"]}),
        ("ASSET_BUNDLES", {"css/site.css": ["../../secret.css"]}),
        ("ASSET_BUNDLES", {"css/site.css": []}),
        ("ASSET_BUNDLES", {"css/site.css": [None]}),
        ("ASSET_BUNDLES", {1: ["css/site.css"]}),
        ("ASSET_BUNDLES", None),
        ("ASSET_BUNDLES_SOURCE_DIR", ""),
        ("ASSET_BUNDLES_OUTPUT_DIR", "/var/www"),
        ("ASSET_BUNDLES_OUTPUT_DIR", "theme/../.."),
        ("ASSET_BUNDLES_MINIFY", "no"),
    ],
)
def test_an_invalid_setting_is_named_and_falls_back_to_its_default(name, value):
    config, errors = read_config({name: value})
    assert config == DEFAULTS
    assert len(errors) == 1
    # The whole setting and its value, or the bundle at fault and its value alone.
    if errors[0].startswith(f"{name}["):
        bundle, sources = next(iter(value.items()))
        assert errors[0].startswith(f"{name}[{bundle!r}]: must ")
        assert f"got {sources!r}" in errors[0] or f"got {sources[0]!r}" in errors[0]
    else:
        assert errors[0].startswith(f"{name}: must ")
        assert repr(value) in errors[0]


def test_valid_settings_are_kept():
    settings = {
        "ASSET_BUNDLES": {"js/all.js": ("js/a.js", "vendor/b.js")},
        "ASSET_BUNDLES_SOURCE_DIR": "src",
        "ASSET_BUNDLES_OUTPUT_DIR": "static/bundles",
        "ASSET_BUNDLES_MINIFY": False,
    }
    assert read_config(settings) == (settings, [])


def test_misspelt_settings_warn_with_the_closest_name():
    settings = {
        "ASSET_BUNDLE": {},
        "ASSET_BUNDLES_MINIFIY": False,
        "ASSET_BUNDLES_COLOUR": "red",
        **DEFAULTS,
    }
    assert [str(problem) for problem in SETTINGS.unknown(settings)] == [
        "ASSET_BUNDLE: unknown setting; did you mean ASSET_BUNDLES?",
        # Not "did you mean ASSET_BUNDLES_SOURCE_DIR?": the shared start is no likeness.
        "ASSET_BUNDLES_COLOUR: unknown setting",
        "ASSET_BUNDLES_MINIFIY: unknown setting; did you mean ASSET_BUNDLES_MINIFY?",
    ]
