"""Bar charts drawn on the server as SVG: the geometry here, the markup in
templates/outcomes/_bar_chart.html. Plain Python, so it is tested without a page."""

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
    value: int


@dataclass(frozen=True)
class DrawnBar:
    label: str
    short_label: str
    value: int
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
    total: int


def bar_chart(bars: list[Bar]) -> BarChart:
    """Horizontal bars, longest for the largest value, in the order given."""
    longest = max((bar.value for bar in bars), default=0) or 1
    room = WIDTH - LABEL_WIDTH - VALUE_ROOM
    drawn = []
    for index, bar in enumerate(bars):
        y = GAP + index * (BAR_HEIGHT + GAP)
        width = max(round(room * bar.value / longest), 2 if bar.value else 0)
        short = bar.label if len(bar.label) <= LABEL_CHARS else bar.label[: LABEL_CHARS - 1] + "…"
        drawn.append(
            DrawnBar(
                label=bar.label,
                short_label=short,
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
