"""Bar charts drawn on the server as SVG: the geometry here, the markup in
templates/outcomes/_bar_chart.html (the showcase) and templates/outcomes/dashboard/
(the secretariat's dashboard). Plain Python, so it is tested without a page."""

from dataclasses import dataclass

# Pixels. Labels longer than LABEL_CHARS are shortened in the drawing only; the table
# beside the chart carries them whole.
WIDTH = 640
LABEL_WIDTH = 190
VALUE_ROOM = 48
BAR_HEIGHT = 22
GAP = 10
LABEL_CHARS = 24


@dataclass(frozen=True)
class Bar:
    key: str
    label: str
    value: int | float


@dataclass(frozen=True)
class DrawnBar:
    label: str
    short_label: str
    value: int | float
    y: int
    width: int
    text_y: int
    value_x: int


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: list[DrawnBar]
    total: int | float


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def bar_chart(bars: list[Bar], *, maximum: int | float | None = None) -> BarChart:
    """Horizontal bars, longest for the largest value (or for ``maximum``, the top of a
    fixed scale such as ratings out of 5), in the order given."""
    longest = maximum or max((bar.value for bar in bars), default=0) or 1
    room = WIDTH - LABEL_WIDTH - VALUE_ROOM
    drawn = []
    for index, bar in enumerate(bars):
        y = GAP + index * (BAR_HEIGHT + GAP)
        width = max(round(room * bar.value / longest), 2 if bar.value else 0)
        drawn.append(
            DrawnBar(
                label=bar.label,
                short_label=_short(bar.label),
                value=bar.value,
                y=y,
                width=width,
                text_y=y + BAR_HEIGHT // 2 + 5,
                value_x=LABEL_WIDTH + width + 6,
            )
        )
    return BarChart(
        width=WIDTH,
        height=GAP + len(bars) * (BAR_HEIGHT + GAP),
        label_width=LABEL_WIDTH,
        bar_height=BAR_HEIGHT,
        bars=drawn,
        total=sum(bar.value for bar in bars),
    )


# Progress: how much of a whole is done (reviews submitted of those assigned, people who
# came of those registered). The outline is the whole, the filled part what is done; the
# numbers are written beside each bar, so nothing is told by colour or length alone.

PROGRESS_VALUE_ROOM = 110


@dataclass(frozen=True)
class Progress:
    key: str
    label: str
    done: int | None  # None: not known yet, such as attendance not taken
    total: int


@dataclass(frozen=True)
class DrawnProgress:
    label: str
    short_label: str
    done: int | None
    total: int
    y: int
    total_width: int
    done_width: int
    text_y: int
    value_x: int


@dataclass(frozen=True)
class ProgressChart:
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: list[DrawnProgress]


def progress_chart(rows: list[Progress]) -> ProgressChart:
    """One outlined bar per row, as long as its whole against the largest whole, filled
    as far as is done; in the order given."""
    largest = max((row.total for row in rows), default=0) or 1
    room = WIDTH - LABEL_WIDTH - PROGRESS_VALUE_ROOM
    drawn = []
    for index, row in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        total_width = max(round(room * row.total / largest), 2 if row.total else 0)
        done_width = round(total_width * (row.done or 0) / row.total) if row.total else 0
        drawn.append(
            DrawnProgress(
                label=row.label,
                short_label=_short(row.label),
                done=row.done,
                total=row.total,
                y=y,
                total_width=total_width,
                done_width=done_width,
                text_y=y + BAR_HEIGHT // 2 + 5,
                value_x=LABEL_WIDTH + total_width + 6,
            )
        )
    return ProgressChart(
        width=WIDTH,
        height=GAP + len(rows) * (BAR_HEIGHT + GAP),
        label_width=LABEL_WIDTH,
        bar_height=BAR_HEIGHT,
        bars=drawn,
    )
