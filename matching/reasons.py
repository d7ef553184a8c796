"""Why a pair was proposed, why a better-scored candidate went elsewhere and why a
weaker one was not proposed, in the viewer's language, from the codes and data the
engine stored."""

import gettext
from functools import cache

import pycountry
from django.utils.formats import number_format
from django.utils.text import get_text_list
from django.utils.translation import get_language, gettext_lazy, ngettext, pgettext
from django.utils.translation import gettext as _

from incubator.languages import language_names

ORDINALS = {
    1: gettext_lazy("first choice"),
    2: gettext_lazy("second choice"),
    3: gettext_lazy("third choice"),
}


#: Each score component as a sentence names it ("ahead on similar descriptions").
COMPONENT_PHRASES = {
    "text": gettext_lazy("similar descriptions"),
    "themes": gettext_lazy("shared themes"),
    "languages": gettext_lazy("shared languages"),
    "hours": gettext_lazy("shared working hours"),
    "interest": gettext_lazy("the provider's stated interest"),
    "review": gettext_lazy("the review score"),
}


@cache
def _language_names_in(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        "iso639-3", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def _language_name(code: str) -> str:
    """The language's name in the viewer's language ("espagnol" in French, which writes
    language names in lower case)."""
    viewer = (get_language() or "en").split("-")[0]
    name = _language_names_in(viewer).gettext(language_names().get(code, code))
    return name.lower() if viewer == "fr" else name


def written_in(data: dict) -> str:
    """The language of each text: 'challenge in Spanish, proposal in English'."""
    challenge, provider = data.get("challenge_language"), data.get("provider_language")
    if challenge and challenge == provider:
        return _("both in %(language)s") % {"language": _language_name(challenge)}
    said = []
    if challenge:
        said.append(_("challenge in %(language)s") % {"language": _language_name(challenge)})
    if provider:
        said.append(_("proposal in %(language)s") % {"language": _language_name(provider)})
    return ", ".join(said)


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
        return _text_reason(data)
    if code == "meaning":
        return _meaning_reason(data)
    if code == "review":
        score = _decimal(data["score"])
        return _("reviewers scored the proposal %(value)s out of 1") % {"value": score}
    return code


def _text_reason(data: dict) -> str:
    values = {"value": _decimal(data["similarity"])}
    if "embedding" in data:
        values |= {"words": _decimal(data["tfidf"]), "meaning": _decimal(data["embedding"])}
        said = _("similarity %(value)s: words %(words)s, meaning %(meaning)s") % values
    else:
        said = _("similarity %(value)s") % values
    written = written_in(data)
    if written:
        said = pgettext("parts of a reason", "%(first)s; %(second)s") % {
            "first": said,
            "second": written,
        }
    return _("similar descriptions (%(details)s)") % {"details": said}


def _meaning_reason(data: dict) -> str:
    quotes = [
        _("“%(challenge)s” and “%(provider)s”") % {"challenge": left, "provider": right}
        for left, right, _similarity in data["phrases"]
    ]
    said = _("closest in meaning: %(quotes)s") % {"quotes": "; ".join(quotes)}
    written = written_in(data)
    return f"{said} ({written})" if written else said


def passed_over_text(entry: dict, titles: dict[int, str], names: dict[int, str]) -> str:
    provider = names.get(entry["solution"], "")
    went_to = get_text_list([titles.get(pk, "") for pk in entry["went_to"]], _("and"))
    values = {"provider": provider, "score": _decimal(entry["score"]), "went_to": went_to}
    if entry["code"] == "locked":
        return _("%(provider)s scored %(score)s but is locked to %(went_to)s.") % values
    said = (
        _(
            "%(provider)s scored %(score)s but its capacity went to %(went_to)s, where the "
            "best overall assignment needed it more."
        )
        % values
    )
    decided_by = entry.get("decided_by")
    if not decided_by or not entry["went_to"]:
        return said
    return " ".join(
        [
            said,
            _("It fits %(challenge)s better on %(component)s.")
            % {
                "challenge": titles.get(entry["went_to"][0], ""),
                "component": COMPONENT_PHRASES[decided_by],
            },
        ]
    )


def alternate_text(entry: dict, names: dict[int, str]) -> str:
    """Why a candidate scoring lower than the pair was not proposed: what decided."""
    return _(
        "%(provider)s scored %(score)s; the proposed pair is ahead of it most on %(component)s."
    ) % {
        "provider": names.get(entry["solution"], ""),
        "score": _decimal(entry["score"]),
        "component": COMPONENT_PHRASES[entry["decided_by"]],
    }
