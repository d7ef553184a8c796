"""What the URL walk needs besides the round: every URL pattern, its address filled from a
side of the round, the form a page offers (to post plausible data back), and which rows
of the database a side owns, to tell whether a request changed one of them."""

import re
from html.parser import HTMLParser

from django.apps import apps
from django.db import connection
from django.urls import URLResolver, get_resolver

from tests.sweep.nouns import FORGED, fillers
from tests.sweep.round import Round, Side

GROUP = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")
WRITE = re.compile(r'^(?:INSERT(?: OR \w+)? INTO|UPDATE|DELETE FROM)\s+"(\w+)"')
WRITES = {"INSERT", "UPDATE", "DELETE"}
# Signing in and out writes the session; that is the walk's own doing, not the page's.
NOT_OWNED = {"django_session"}


def noting_writes(tables: set):
    """A database execute wrapper that notes each table a statement writes to."""

    def wrapper(execute, sql, params, many, context):
        if sql[:6] in WRITES and (found := WRITE.match(sql)):
            tables.add(found.group(1))
        return execute(sql, params, many, context)

    return wrapper


def url_patterns(resolver=None, prefix: str = "") -> list[str]:
    """Every route of the project, through every include, once each."""
    routes = []
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            routes += [r for r in url_patterns(entry, route) if r not in routes]
        elif route not in routes:
            routes.append(route)
    return routes


def address(route: str, side: Side, round_: Round, *, own: bool) -> str:
    """The route's path with each parameter filled from the side (``KeyError`` when a
    noun is not taught yet); secret links forged unless the side is the walker's own."""
    filled = {
        name: fill(side, round_) if own or not getattr(fill, "secret", False) else FORGED
        for name, fill in fillers(route).items()
    }
    path = GROUP.sub(lambda m: str(filled[m.group(1) or m.group(2)]), route)
    return "/" + re.sub(r"[\^$\\]", "", path)


class _FirstPostForm(HTMLParser):
    """The fields of the first POST form on a page, with the values it was shown with."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self.state = "before"  # before, inside, after
        self.select = self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = {key: value or "" for key, value in attrs}
        posts = attrs.get("method", "").lower() == "post"
        if tag == "form" and self.state == "before" and posts:
            self.state = "inside"
        if self.state != "inside" or (not attrs.get("name") and tag != "option"):
            return
        name = attrs.get("name")
        if tag == "input":
            self._input(name, attrs)
        elif tag == "textarea":
            self.textarea = name
            self.data.setdefault(name, [""])
        elif tag == "select":
            self.select = name
        elif tag == "option" and self.select:
            chosen = self.data.setdefault(self.select, [])
            if "selected" in attrs or not chosen:
                value = attrs.get("value", "")
                self.data[self.select] = [*chosen, value] if "selected" in attrs else [value]
        elif tag == "button" and attrs.get("type", "submit") == "submit":
            self.data.setdefault(name, [attrs.get("value", "")])

    def _input(self, name, attrs):
        kind = attrs.get("type", "text").lower()
        if kind in ("file", "reset", "image"):
            return
        if kind in ("checkbox", "radio") and "checked" not in attrs:
            if kind == "radio":
                self.data.setdefault(name, [attrs.get("value", "on")])
            return
        if kind == "submit" and name in self.data:
            return
        self.data.setdefault(name, []).append(attrs.get("value", "on" if kind != "text" else ""))

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea] = [self.data[self.textarea][0] + data]

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form" and self.state == "inside":
            self.state = "after"


def form_on(html: str) -> dict[str, list[str]] | None:
    parser = _FirstPostForm()
    parser.feed(html)
    return parser.data if parser.state != "before" else None


class Ledger:
    """The rows of the database as seeded, and the rows each side owns: its team, its
    people and its cohort, everything seeded for it, and every row that points at an
    owned row (a file of its challenge, a milestone of its incubation)."""

    def __init__(self, round_: Round):
        self.models = {m._meta.db_table: m for m in apps.get_models(include_auto_created=True)}
        self.links = {table: self._links(model) for table, model in self.models.items()}
        self.before = self.rows(self.models)
        self.owned = {side.letter: self._owned(side) for side in round_.sides}

    @staticmethod
    def _links(model) -> list[tuple[int, str]]:
        columns = [f.column for f in model._meta.concrete_fields]
        return [
            (columns.index(f.column), f.related_model._meta.db_table)
            for f in model._meta.concrete_fields
            if f.many_to_one or f.one_to_one
        ]

    def rows(self, tables) -> dict[str, dict]:
        found = {}
        with connection.cursor() as cursor:
            for table in tables:
                model = self.models.get(table)
                if model is None:
                    continue
                columns = [f.column for f in model._meta.concrete_fields]
                key = columns.index(model._meta.pk.column)
                cursor.execute(
                    f"SELECT {', '.join(connection.ops.quote_name(c) for c in columns)} "
                    f"FROM {connection.ops.quote_name(table)}"
                )
                found[table] = {row[key]: row for row in cursor.fetchall()}
        return found

    def _owned(self, side: Side) -> dict[str, set]:
        roots = [side.team, side.member, *side.objects.values()]
        owned: dict[str, set] = {}
        for obj in roots:
            if hasattr(obj, "_meta"):
                owned.setdefault(obj._meta.db_table, set()).add(obj.pk)
        grew = True
        while grew:
            grew = False
            for table, rows in self.before.items():
                mine = owned.setdefault(table, set())
                for pk, row in rows.items():
                    if pk not in mine and self._points_at(table, row, owned):
                        mine.add(pk)
                        grew = True
        return owned

    def _points_at(self, table: str, row, owned) -> bool:
        return any(row[i] in owned.get(target, ()) for i, target in self.links[table])

    def changed_rows_of(self, letter: str, tables: set[str]) -> list[str]:
        """The rows of the side that differ now from the seeded round, named."""
        owned, found = self.owned[letter], []
        for table, rows in self.rows(tables).items():
            was = self.before.get(table, {})
            for pk in set(was) | set(rows):
                if was.get(pk) == rows.get(pk):
                    continue
                row = rows.get(pk)
                if pk in owned.get(table, ()) or (row and self._points_at(table, row, owned)):
                    found.append(f"{table} #{pk}")
        return found
