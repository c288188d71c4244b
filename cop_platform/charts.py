"""A chart with its figures in a table beside it (SPEC §6: every chart has its table, for
screen readers and print). Views build a `Chart`; `templates/components/chart.html` renders
the table and a canvas; `static/js/charts.js` draws the canvas from that same table, so the
picture can never say something the table does not."""

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ChartRow:
    label: str
    values: Sequence[float | int | None]


@dataclass(frozen=True)
class Chart:
    # Unique on its page: the canvas and the table are found by it.
    id: str
    caption: str
    # The heading of the first column (what each row is: a week, an answer).
    row_heading: str
    series: Sequence[str]
    rows: Sequence[ChartRow] = field(default_factory=tuple)
    kind: str = "bar"  # or "line"
    # A series drawn against a 0 to 100 axis on the right (a rate beside counts).
    percent_series: frozenset[str] = frozenset()

    @property
    def is_empty(self) -> bool:
        return not self.rows
