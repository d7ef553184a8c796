"""Why a pair was proposed and why a better-scored candidate went elsewhere, in the
viewer's language, from the codes and data the engine stored."""

from django.utils.formats import number_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from incubator.languages import language_names

ORDINALS = {
    1: gettext_lazy("first choice"),
    2: gettext_lazy("second choice"),
    3: gettext_lazy("third choice"),
}


def _decimal(value: float) -> str:
    """Two decimals, written as the viewer's language writes them (0,85 in French)."""
    return number_format(value, 2)


def reason_text(reason: dict, theme_names: dict[str, str]) -> str:
    code, data = reason["code"], reason["data"]
    if code == "themes":
        names = ", ".join(theme_names.get(slug, slug) for slug in data["themes"])
        return ngettext(
            "shares a theme: %(names)s", "shares themes: %(names)s", len(data["themes"])
        ) % {"names": names}
    if code == "languages":
        names = [language_names().get(c, c) for c in data["languages"]]
        return _("both work in %(languages)s") % {"languages": get_text_list(names, _("and"))}
    if code == "hours":
        hours = round(data["hours"])
        return ngettext(
            "%(hours)d hour of shared working time", "%(hours)d hours of shared working time", hours
        ) % {"hours": hours}
    if code == "interest":
        rank = data["rank"]
        choice = ORDINALS.get(rank) or _("choice %(rank)d") % {"rank": rank}
        return _("the provider asked for this challenge (%(choice)s)") % {"choice": choice}
    if code == "text":
        similarity = _decimal(data["similarity"])
        return _("similar descriptions (similarity %(value)s)") % {"value": similarity}
    if code == "review":
        score = _decimal(data["score"])
        return _("reviewers scored the proposal %(value)s out of 1") % {"value": score}
    return code


def passed_over_text(entry: dict, titles: dict[int, str], names: dict[int, str]) -> str:
    provider = names.get(entry["solution"], "")
    went_to = get_text_list([titles.get(pk, "") for pk in entry["went_to"]], _("and"))
    if entry["code"] == "locked":
        return _("%(provider)s scored %(score)s but is locked to %(went_to)s.") % {
            "provider": provider,
            "score": _decimal(entry["score"]),
            "went_to": went_to,
        }
    return _(
        "%(provider)s scored %(score)s but its capacity went to %(went_to)s, where the "
        "best overall assignment needed it more."
    ) % {"provider": provider, "score": _decimal(entry["score"]), "went_to": went_to}
