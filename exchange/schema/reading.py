"""Reading the bytes of an exchange file, and the references it makes, before it is
checked."""

import json

from django.utils.translation import gettext as _

from exchange.schema.records import REF_MAX, ExchangeError, Wanted


def parse(raw: bytes | str) -> object:
    """The JSON value in ``raw``, or an ExchangeError that says in one line why not."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ExchangeError(
                [_("The file is not UTF-8 text (byte %(at)d).") % {"at": error.start}]
            ) from None
    try:
        return json.loads(raw)
    except json.JSONDecodeError as error:
        raise ExchangeError(
            [
                _("The file is not valid JSON: %(problem)s at line %(line)d, column %(column)d.")
                % {"problem": error.msg, "line": error.lineno, "column": error.colno}
            ]
        ) from None
    except RecursionError:
        raise ExchangeError([_("The file is not valid JSON: it is nested too deeply.")]) from None


def references(data: object) -> Wanted:
    """The themes, teams and challenges the file names but may not carry. Reads any
    shape without complaint: ``validate`` reports what is wrong with it."""
    if not isinstance(data, dict):
        return Wanted()

    def items(key):
        return _listed(data.get(key))

    def strings(value):
        # Only what could be a key: the portal is never asked about anything else.
        values = value if isinstance(value, list) else [value]
        return {item for item in values if _could_be_key(item)}

    submissions = items("challenges") + items("solutions")
    themes = set().union(*(strings(item.get("themes")) for item in submissions))
    organisations = set().union(*(strings(item.get("organisation")) for item in submissions))
    wanted_challenges = set().union(
        *(strings(item.get("interested_in")) for item in items("solutions"))
    )
    programme = data.get("programme")
    slug = programme.get("slug") if isinstance(programme, dict) else None
    incubations = items("incubations")
    teams = [team for item in incubations for team in _listed(item.get("teams"))]
    in_file = {
        kind: set().union(*(strings(item.get("ref")) for item in items(kind)))
        for kind in ("challenges", "solutions")
    }
    return Wanted(
        programme=slug if isinstance(slug, str) else None,
        themes=frozenset(themes - set().union(*(strings(t.get("slug")) for t in items("themes")))),
        organisations=frozenset(
            organisations - set().union(*(strings(o.get("ref")) for o in items("organisations")))
        ),
        challenges=frozenset(wanted_challenges - in_file["challenges"]),
        incubated_challenges=frozenset(
            set().union(*(strings(item.get("challenge")) for item in incubations))
            - in_file["challenges"]
        ),
        incubated_solutions=frozenset(
            set().union(*(strings(team.get("submission")) for team in teams)) - in_file["solutions"]
        ),
    )


def _listed(value) -> list[dict]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _could_be_key(value) -> bool:
    if not isinstance(value, str) or not 0 < len(value) <= REF_MAX or "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
