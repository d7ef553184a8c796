"""The time zones people choose from, and how a zone is named beside a time.

The zones offered are tzdata's own list for pickers, ``zone.tab``: one zone per country
region under its current name (Africa/Asmara, Asia/Kolkata, Europe/Kyiv, Europe/Oslo),
plus UTC. Every other name tzdata knows is an alias (Africa/Asmera, Africa/Timbuktu,
Asia/Calcutta, US/Eastern) or a bare offset (Etc/GMT+5); an alias is mapped through its
link in ``tzdata.zi`` to the zone it stands for, so a browser or an old record that
says Asia/Calcutta finds Asia/Kolkata."""

import re
from datetime import datetime, timedelta
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

UTC_NAME = "UTC"
UTC_ALIASES = {"Etc/UTC", "Etc/GMT", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "Etc/Greenwich"}
MINUS = "\u2212"
# Zones without an abbreviation of their own get a number from tzdata: "-05", "+0530".
NUMERIC_ABBREVIATION = re.compile(r"^[+-]\d{2,4}$")

REGIONS = {
    "Africa": _("Africa"),
    "America": _("Americas"),
    "Antarctica": _("Antarctica"),
    "Arctic": _("Arctic"),
    "Asia": _("Asia"),
    "Atlantic": _("Atlantic Ocean"),
    "Australia": _("Australia"),
    "Europe": _("Europe"),
    "Indian": _("Indian Ocean"),
    "Pacific": _("Pacific Ocean"),
}


def _tzdata_text(name: str) -> str:
    return resources.files("tzdata.zoneinfo").joinpath(name).read_text(encoding="utf-8")


@cache
def offered_zones() -> frozenset[str]:
    """The zones a person can choose: zone.tab's, and UTC."""
    names = {
        line.split("\t")[2]
        for line in _tzdata_text("zone.tab").splitlines()
        if line and not line.startswith("#")
    }
    return frozenset(names | {UTC_NAME})


@cache
def _links() -> dict[str, str]:
    """Alias → the zone it links to, from the ``L target alias`` lines of tzdata.zi."""
    pairs = (line.split()[1:3] for line in _tzdata_text("tzdata.zi").splitlines())
    return {alias: target for target, alias in (p for p in pairs if len(p) == 2)}


def canonical_zone(name: str | None) -> str | None:
    """The offered zone ``name`` stands for, or None if it stands for none."""
    seen = set()
    while name and name not in seen:
        if name in offered_zones():
            return name
        if name in UTC_ALIASES:
            return UTC_NAME
        seen.add(name)
        name = _links().get(name)
    return None


def offset_text(offset: timedelta) -> str:
    """UTC+09:00, UTC−05:00 (a true minus sign), UTC+05:45."""
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else MINUS
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def zone_abbreviation(local: datetime) -> str:
    """How the clock's zone is written beside a time: its abbreviation (JST, CET) where it
    has one, its offset (UTC−05:00) where it has none."""
    name = local.tzname() or ""
    if not name or NUMERIC_ABBREVIATION.match(name):
        return offset_text(local.utcoffset())
    return name


def zone_choices(now: datetime | None = None) -> list:
    """UTC, then each region's zones with the offset they have now. Zones keep their
    identifiers (America/Port_of_Spain): they read the same in every language."""
    now = now or timezone.now()
    groups: dict[str, list[tuple[str, str]]] = {region: [] for region in REGIONS}
    for name in offered_zones() - {UTC_NAME}:
        offset = offset_text(now.astimezone(ZoneInfo(name)).utcoffset())
        groups[name.split("/", 1)[0]].append((name, f"{name} ({offset})"))
    return [(UTC_NAME, f"UTC ({offset_text(timedelta(0))})")] + [
        (REGIONS[region], sorted(zones, key=lambda choice: choice[1]))
        for region, zones in groups.items()
        if zones
    ]
