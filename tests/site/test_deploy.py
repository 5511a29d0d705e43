"""What ships to the host: response headers (Netlify/Cloudflare and nginx) and
precompressed copies."""

import gzip
import re

import brotli
import pytest

from tests.support import ROOT, article

NGINX = (ROOT / "deploy" / "nginx.conf").read_text()


def test_headers_file_has_the_strict_policy_and_cache_rules(publish_site):
    rules = publish_site.headers()
    site_wide = rules["/*"]
    assert site_wide["Content-Security-Policy"] == (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self' https:; base-uri 'none'; frame-ancestors 'none'"
    )
    assert site_wide["X-Content-Type-Options"] == "nosniff"
    assert site_wide["Referrer-Policy"]
    assert site_wide["Permissions-Policy"]
    immutable = "public, max-age=31536000, immutable"
    assert rules["/theme/css/*"]["Cache-Control"] == immutable
    assert rules["/theme/js/*"]["Cache-Control"] == immutable
    # Only fingerprinted files may be cached for a year.
    for path in (publish_site.output / "theme").rglob("*"):
        if path.suffix in {".css", ".js"}:
            assert re.search(r"\.[0-9a-f]{10}\.(css|js)$", path.name), path


def test_nginx_snippet_sends_the_same_headers(publish_site):
    rules = publish_site.headers()
    policy = "Content-Security-Policy"
    for name, value in rules["/*"].items():
        if name != policy:
            assert NGINX.count(f'add_header {name} "{value}" always;') == 1, name
    # The policy by path, as in `_headers`: the search page's own, the strict one elsewhere.
    assert NGINX.count(f"add_header {policy} $thriving_practice_csp always;") == 1
    assert f'~^/search/           "{rules["/search/*"][policy]}";' in NGINX
    worker = "/pagefind/pagefind-worker.js"
    assert f'{worker} "{rules[worker][policy]}";' in NGINX
    assert f'default              "{rules["/*"][policy]}";' in NGINX
    assert f'~^/theme/(css|js)/   "{rules["/theme/css/*"]["Cache-Control"]}";' in NGINX
    assert f'/theme/favicon.svg   "{rules["/theme/favicon.svg"]["Cache-Control"]}";' in NGINX


def test_publish_writes_gzip_and_brotli_copies_of_text_files(publish_site):
    texts = [
        p
        for p in publish_site.output.rglob("*")
        if p.suffix in {".html", ".css", ".js", ".xml", ".txt"} and p.stat().st_size > 512
    ]
    assert texts
    for path in texts:
        original = path.read_bytes()
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == original, path
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == original, path


def test_development_build_is_not_compressed(site):
    assert not list(site.output.rglob("*.gz"))


@pytest.mark.parametrize(
    ("settings", "written"),
    [
        ({"DEPLOY_HEADERS_FILE": "headers.txt"}, "headers.txt"),
        ({"DEPLOY_HEADERS": {}}, None),
        ({"DEPLOY_HEADERS_FILE": ""}, None),
    ],
)
def test_the_headers_file_setting_and_an_empty_policy(make_site, settings, written):
    build = make_site({"articles/one.md": article()}, **settings)
    assert build.errors == []
    files = {name for name in ("_headers", "headers.txt") if (build.output / name).exists()}
    assert files == ({written} if written else set())
    if written:
        assert "Content-Security-Policy: default-src 'none'" in (build.output / written).read_text()
