"""bench/bench.py's ledger table (make bench --ledger N): each plugin's instructions as its
share of a and of b, largest first, the plugins the theme needs named with their error."""

from bench.bench import ledger_report


def test_the_ledger_lists_plugins_largest_first_with_their_shares():
    costs = {"a": 10_000_000_000, "toc": 200_000_000, "feeds": 500_000_000, "assets": "it fails"}
    lines = ledger_report(100, costs, {"b": 8_000_000_000})
    rows = [line for line in lines if line.startswith("| ") and not line.startswith("| plugin")]
    assert rows == [
        "| feeds | 0.500 | 5.0% | 6.2% |",
        "| toc | 0.200 | 2.0% | 2.5% |",
        "| sum | 0.700 | 7.0% | 8.8% |",
        "| assets | needed: it fails | | |",
    ]
    assert costs["a"] == 10_000_000_000  # the caller's counts are left as they were


def test_without_counts_at_the_same_size_the_share_of_b_is_left_blank():
    lines = ledger_report(100, {"a": 100, "toc": 10}, None)
    assert "| toc | 0.000 | 10.0% |  |" in lines
