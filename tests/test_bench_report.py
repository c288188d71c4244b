"""The bench's sums (bench/report.py) and its bare page's place: bench settings only."""

import pytest
from django.urls import NoReverseMatch, reverse

from bench.report import PageResult, Run, Summary, combine, growth, ratio, table


def test_combine_counts_requests_over_all_runs_and_takes_median_latencies():
    runs = [Run(100, 4.0, 10.0, 30.0), Run(300, 4.0, 20.0, 50.0, errors=2), Run(200, 2.0, 40, 90)]
    summary = combine(runs)
    assert summary.rps == pytest.approx(600 / 10)
    assert summary.p50_ms == 20.0
    assert summary.p95_ms == 50.0
    assert summary.errors == 2


def test_combine_leaves_latency_untimed_when_no_request_finished():
    # wrk reports 0 ms percentiles for a run in which nothing finished; that is not fast.
    summary = combine([Run(0, 2.0, 0.0, 0.0)])
    assert summary.rps == 0.0
    assert summary.p50_ms is None
    assert summary.p95_ms is None
    assert combine([Run(0, 2.0, 0.0, 0.0), Run(3, 2.0, 900.0, 1200.0)]).p50_ms == 900.0


def test_ratio_is_the_share_of_the_bare_pages_requests_per_second():
    assert ratio(Summary(30.0, 1, 1, 0), Summary(120.0, 1, 1, 0)) == pytest.approx(0.25)
    assert ratio(Summary(30.0, 1, 1, 0), Summary(0.0, 1, 1, 0)) == 0.0


def _result(page, factor, p50):
    return PageResult(page, factor, Summary(10, p50, p50 * 2, 0), Summary(100, 5, 9, 0), queries=7)


def test_growth_divides_the_large_data_median_by_the_small_one():
    results = [_result("home", "1x", 20.0), _result("home", "10x", 300.0)]
    assert growth(results, "home", "1x", "10x") == pytest.approx(15.0)
    assert growth(results, "home", "1x", "1x") is None
    assert growth(results[:1], "home", "1x", "10x") is None


def test_table_prints_a_row_per_page_and_data_size_with_the_growth_on_the_large_one():
    text = table([_result("home", "1x", 20.0), _result("home", "10x", 300.0)])
    rows = text.splitlines()[2:]
    assert [row.split()[:2] for row in rows] == [["home", "1x"], ["home", "10x"]]
    assert rows[1].endswith("15.0x")
    assert "10.0%" in rows[0]
    untimed = PageResult("home", "10x", Summary(0.0, None, None, 0), Summary(100, 5, 9, 0))
    assert "none" in table([untimed]).splitlines()[2]


def test_the_bare_page_exists_only_in_the_bench_urlconf():
    with pytest.raises(NoReverseMatch):
        reverse("bench_bare")
    assert reverse("bench_bare", urlconf="bench.urls") == "/bench/bare/"
