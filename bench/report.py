"""The bench's arithmetic and its table: runs combined, ratios to the bare page, growth 1x→10x.

Kept apart from the processes and sockets of bench/run.py, so its sums are unit-tested
(tests/test_bench_report.py).
"""

import statistics
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    """One bounded wrk run against one page: what wrk's `done()` reported."""

    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    errors: int = 0


@dataclass(frozen=True)
class Summary:
    rps: float
    # None when no request finished within the runs (wrk then reports 0 ms).
    p50_ms: float | None
    p95_ms: float | None
    errors: int


def combine(runs: list[Run]) -> Summary:
    """Requests per second over all runs' time; latencies as the median of the runs' values
    (wrk's histograms are not merged, but alternating runs of equal length weigh alike)."""
    seconds = sum(run.seconds for run in runs)
    timed = [run for run in runs if run.requests]
    return Summary(
        rps=sum(run.requests for run in runs) / seconds if seconds else 0.0,
        p50_ms=statistics.median(run.p50_ms for run in timed) if timed else None,
        p95_ms=statistics.median(run.p95_ms for run in timed) if timed else None,
        errors=sum(run.errors for run in runs),
    )


def ratio(page: Summary, bare: Summary) -> float:
    """The page's requests per second as a share of the bare page's in the same alternation."""
    return page.rps / bare.rps if bare.rps else 0.0


@dataclass
class PageResult:
    page: str
    factor: str
    warm: Summary
    bare: Summary
    cold: Summary | None = None
    queries: int | None = None
    notes: list[str] = field(default_factory=list)


HEADER = (
    f"{'page':<16}{'data':>5}{'req/s':>8}{'median':>9}{'p95':>9}{'vs bare':>9}"
    f"{'cold med':>10}{'cold p95':>10}{'queries':>9}{'errors':>8}{'med 10x/1x':>12}"
)


def growth(results: list[PageResult], page: str, small: str, large: str) -> float | None:
    """How many times the median grew from the small data set to the large one."""
    by_factor = {result.factor: result for result in results if result.page == page}
    if small == large or small not in by_factor or large not in by_factor:
        return None
    if not by_factor[small].warm.p50_ms or by_factor[large].warm.p50_ms is None:
        return None
    return by_factor[large].warm.p50_ms / by_factor[small].warm.p50_ms


def table(results: list[PageResult], *, small: str = "1x", large: str = "10x") -> str:
    lines = [HEADER, "-" * len(HEADER)]
    pages = list(dict.fromkeys(result.page for result in results))
    for page in pages:
        for result in (r for r in results if r.page == page):
            grew = growth(results, page, small, large) if result.factor == large else None
            lines.append(
                f"{page:<16}{result.factor:>5}{result.warm.rps:>8.1f}"
                f"{_ms(result.warm.p50_ms):>9}{_ms(result.warm.p95_ms):>9}"
                f"{ratio(result.warm, result.bare):>8.1%} "
                f"{'' if result.cold is None else _ms(result.cold.p50_ms):>10}"
                f"{'' if result.cold is None else _ms(result.cold.p95_ms):>10}"
                f"{'' if result.queries is None else result.queries:>9}"
                f"{result.warm.errors:>8}"
                f"{'' if grew is None else f'{grew:.1f}x':>12}"
            )
    return "\n".join(lines)


def _ms(value: float | None) -> str:
    """Milliseconds, or "none" when no request finished in time to be timed."""
    return "none" if value is None else f"{value:.1f}ms"
