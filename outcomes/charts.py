"""Bar charts drawn on the server: the figures here, the markup in
templates/outcomes/_chart_rows.html, shared by the showcase (templates/outcomes/
_bar_chart.html) and the secretariat's dashboard (templates/outcomes/dashboard/). Each
bar is one row: its label written whole on a line of its own, so that it wraps on a phone
and is never cut, then the bar (a responsive SVG as wide as its row) and its number in
text. Plain Python, so it is tested without a page."""

from dataclasses import dataclass

from incubator.status import completion


@dataclass(frozen=True)
class Bar:
    key: str
    label: str
    value: int | float


@dataclass(frozen=True)
class DrawnBar:
    label: str
    value: int | float
    percent: float  # of the row's width: the bar's share of the largest value


@dataclass(frozen=True)
class BarChart:
    bars: list[DrawnBar]
    total: int | float


def _share(part: int | float, whole: int | float) -> float:
    """``part`` of ``whole`` in percent, to one decimal; a part above nothing shows."""
    if not part or not whole:
        return 0.0
    return max(round(100 * part / whole, 1), 1.0)


def bar_chart(bars: list[Bar], *, maximum: int | float | None = None) -> BarChart:
    """Horizontal bars, longest for the largest value (or for ``maximum``, the top of a
    fixed scale such as ratings out of 5), in the order given."""
    longest = maximum or max((bar.value for bar in bars), default=0) or 1
    return BarChart(
        bars=[DrawnBar(bar.label, bar.value, _share(bar.value, longest)) for bar in bars],
        total=sum(bar.value for bar in bars),
    )


# Progress: how much of a whole is done (reviews submitted of those assigned, people who
# came of those registered). Every bar is the whole row wide, outlined, and filled as far
# as is done: it shows completion, not size. The numbers and the percentage are written
# beside each bar, so nothing is told by colour or length alone.


@dataclass(frozen=True)
class Progress:
    key: str
    label: str
    done: int | None  # None: not known yet, such as attendance not taken
    total: int


@dataclass(frozen=True)
class DrawnProgress:
    label: str
    done: int | None
    total: int
    percent: int | None  # done of total, rounded; None when not known or nothing to do

    @property
    def filled(self) -> int:
        """How far the bar is filled, in percent of its width."""
        return self.percent or 0


@dataclass(frozen=True)
class ProgressChart:
    bars: list[DrawnProgress]


def progress_chart(rows: list[Progress]) -> ProgressChart:
    """One bar per row, filled as far as is done of its own whole; in the order given."""
    return ProgressChart(
        bars=[
            DrawnProgress(row.label, row.done, row.total, completion(row.done, row.total))
            for row in rows
        ]
    )
