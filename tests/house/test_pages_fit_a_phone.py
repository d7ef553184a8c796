"""Pages fit a phone by construction: every table sits in the one scrolling region the
portal has (``.table-wrap``), which keyboard users can reach and screen readers can name,
so a wide table scrolls inside itself and never widens the page."""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def templates() -> dict[str, Path]:
    return {
        str(path.relative_to(ROOT)): path
        for path in sorted(ROOT.glob("*/templates/**/*.html"))
        if ".venv" not in path.parts
    }


TEMPLATES = templates()
WITH_TABLES = [name for name, path in TEMPLATES.items() if "<table" in path.read_text()]


class TableParents(HTMLParser):
    """For each <table>, the tag and attributes of the element it stands in."""

    def __init__(self):
        super().__init__()
        self.open: list[tuple[str, dict]] = []
        self.tables: list[tuple[int, tuple[str, dict] | None]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append((self.getpos()[0], self.open[-1] if self.open else None))
        if tag not in {"br", "img", "input", "meta", "link", "hr", "col", "source", "wbr"}:
            self.open.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                return


def is_scrolling_region(parent: tuple[str, dict] | None) -> bool:
    if parent is None:
        return False
    tag, attrs = parent
    return (
        tag == "div"
        and "table-wrap" in (attrs.get("class") or "").split()
        and attrs.get("role") == "region"
        and attrs.get("tabindex") == "0"
        and bool(attrs.get("aria-labelledby") or attrs.get("aria-label"))
    )


def test_the_templates_are_found():
    assert len(WITH_TABLES) > 20


@pytest.mark.parametrize("name", WITH_TABLES)
def test_every_table_scrolls_inside_a_named_region(name):
    parser = TableParents()
    parser.feed(TEMPLATES[name].read_text())
    loose = [line for line, parent in parser.tables if not is_scrolling_region(parent)]
    assert not loose, (
        f"{name}: the table(s) at line(s) {loose} must stand directly in "
        '<div class="table-wrap" role="region" tabindex="0" aria-labelledby="…">'
    )
