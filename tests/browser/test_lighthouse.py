"""`make audit` as the README gives it: Lighthouse (mobile) on the production build scores
100 in all four categories on every page type, the search page with its results for
"referral" included."""

from tests.support import run_make
from tools.audit import CATEGORIES, PAGES


def test_make_audit_scores_100_in_every_category_on_every_page_type():
    # The first run installs Lighthouse (npm ci in tools/audit), as the owner's would.
    result = run_make("audit", timeout=1800)
    rows = {
        line[:16].strip(): line[16:].split()
        for line in result.stdout.splitlines()
        if line[:16].strip() in PAGES
    }
    assert rows == {name: ["100"] * len(CATEGORIES) for name in PAGES}, result.stdout
    assert result.returncode == 0, result.stderr
