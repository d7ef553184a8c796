"""The shape of every figure on the dashboard: a table of rows and cells, shown beside its
chart and offered as a CSV file; the page and the file read the same table."""

from dataclasses import dataclass, field
from datetime import date

from outcomes.charts import BarChart, ProgressChart


@dataclass(frozen=True)
class Cell:
    """One value of a table: a count, an average (``decimals`` > 0), a date, a text, or
    None when there is nothing to count yet (shown as a dash)."""

    value: int | float | str | date | None
    decimals: int = 0

    @property
    def kind(self) -> str:
        if self.value is None:
            return "none"
        if isinstance(self.value, str):
            return "text"
        if isinstance(self.value, date):
            return "date"
        return "decimal" if self.decimals else "count"

    def for_csv(self) -> str:
        """Plain figures for spreadsheets: no grouping, a point before decimals, ISO dates."""
        if self.kind == "none":
            return ""
        if self.kind == "date":
            return self.value.isoformat()
        if self.kind == "decimal":
            return f"{self.value:.{self.decimals}f}"
        return str(self.value)


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[Cell]


@dataclass(frozen=True)
class Figure:
    """A table with its chart: ``key`` names its anchor on the page and its CSV file."""

    key: str
    caption: str
    columns: list[str]  # the first one heads the row labels
    rows: list[Row]
    chart: BarChart | ProgressChart | None = None
    chart_title: str = ""
    chart_decimals: int = 0
    footer: Row | None = None
    empty: str = ""

    @property
    def chart_kind(self) -> str:
        return "progress" if isinstance(self.chart, ProgressChart) else "bars"


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    hint: str
    figures: list[Figure]
    definitions: list[tuple[str, str]] = field(default_factory=list)


def count_cells(values: list[int]) -> list[Cell]:
    return [Cell(value) for value in values]


def average_cell(points: int | None, answers: int) -> Cell:
    return Cell(points / answers if answers else None, decimals=1)


def programme_calls(programme) -> list[int]:
    """The ids of the programme's calls, read once per page. The sections filter by them
    rather than by a join on the programme, so that PostgreSQL sees from its statistics
    how few rows a small programme has beside a large one, and reads only those."""
    if "_call_ids" not in programme.__dict__:
        programme.__dict__["_call_ids"] = list(programme.calls.values_list("pk", flat=True))
    return programme.__dict__["_call_ids"]
