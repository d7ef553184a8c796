"""English wording of reasons and notices.

The engine keeps what it found (a code and its data) apart from how it is said, so the
portal can say it in any language from the code; these functions are the English
rendering used by the exchange file and the command line.
"""

from collections.abc import Mapping, Sequence
from typing import Any

#: English names of common ISO 639-1 codes, used when the caller passes none.
LANGUAGE_NAMES = {
    "af": "Afrikaans", "am": "Amharic", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali",
    "ca": "Catalan", "cs": "Czech", "da": "Danish", "de": "German", "el": "Greek",
    "en": "English", "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian",
    "fi": "Finnish", "fr": "French", "ga": "Irish", "he": "Hebrew", "hi": "Hindi",
    "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian", "is": "Icelandic",
    "it": "Italian", "ja": "Japanese", "ko": "Korean", "lb": "Luxembourgish",
    "lt": "Lithuanian", "lv": "Latvian", "mt": "Maltese", "ms": "Malay", "nb": "Norwegian",
    "nl": "Dutch", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian",
    "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sv": "Swedish", "sw": "Swahili",
    "th": "Thai", "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu",
    "vi": "Vietnamese", "zh": "Chinese", "zu": "Zulu",
}  # fmt: skip

_ORDINALS = ("first", "second", "third", "fourth", "fifth")

_RULES = {
    "same_country": "the provider is from the challenge owner's country",
    "conflict": "the pair has a declared conflict of interest",
    "exclusion": "the secretariat excluded the pair",
    "unknown_challenge": "the challenge is not in this round",
    "unknown_provider": "the provider is not in this round",
}


def listing(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def hours_text(hours: float) -> str:
    amount = f"{hours:.0f}" if float(hours).is_integer() else f"{hours:.1f}"
    return f"{amount} hour{'' if hours == 1 else 's'}"


def written_in(data: Mapping[str, Any], language_names: Mapping[str, str]) -> str:
    """'challenge in Spanish, provider in English', 'both in English', or what is known."""
    names = {
        side: language_names.get(code) or LANGUAGE_NAMES.get(code, code)
        for side in ("challenge", "provider")
        if (code := data.get(f"{side}_language"))
    }
    if len(names) == 2 and names["challenge"] == names["provider"]:
        return f"both in {names['challenge']}"
    return ", ".join(f"{side} in {name}" for side, name in names.items())


def reason_text(
    code: str,
    data: Mapping[str, Any],
    theme_names: Mapping[str, str],
    language_names: Mapping[str, str],
) -> str:
    if code == "themes":
        names = [theme_names.get(slug, slug) for slug in data["themes"]]
        return f"shares {'themes' if len(names) > 1 else 'a theme'}: {', '.join(names)}"
    if code == "languages":
        names = [language_names.get(c) or LANGUAGE_NAMES.get(c, c) for c in data["languages"]]
        return f"both work in {listing(names)}"
    if code == "hours":
        return f"{hours_text(data['hours'])} of shared working time"
    if code == "interest":
        rank = data["rank"]
        choice = f"{_ORDINALS[rank - 1]} choice" if rank <= len(_ORDINALS) else f"choice {rank}"
        return f"the provider asked for this challenge ({choice})"
    if code == "text":
        parts = f"text similarity {data['similarity']:.2f}"
        if "embedding" in data:
            parts += f": words {data['tfidf']:.2f}, meaning {data['embedding']:.2f}"
        written = written_in(data, language_names)
        return f"similar descriptions ({parts}{'; ' + written if written else ''})"
    if code == "meaning":
        quotes = "; ".join(f'"{left}" and "{right}"' for left, right, _ in data["phrases"])
        written = written_in(data, language_names)
        return f"closest in meaning: {quotes}{' (' + written + ')' if written else ''}"
    if code == "review":
        return f"reviewers scored the solution {data['score']:.2f} out of 1"
    raise ValueError(f"unknown reason code {code!r}")


def notice_text(code: str, data: Mapping[str, Any]) -> str:
    pair = f"{data.get('challenge')} / {data.get('provider')}"
    if code == "lock_breaks_rule":
        return f"Lock {pair} dropped: {_RULES[data['rule']]}."
    if code == "lock_over_demand":
        return (
            f"Lock {pair} dropped: the challenge wants {data['wanted']} provider(s) "
            "and has better-scored locks."
        )
    if code == "lock_over_capacity":
        return (
            f"Lock {pair} dropped: the provider's capacity is {data['capacity']} "
            "and it has better-scored locks."
        )
    if code == "unknown_ref":
        examples = ", ".join(data["examples"])
        return (
            f"{data['count']} entr{'y' if data['count'] == 1 else 'ies'} of {data['field']} "
            f"name a challenge or provider not in this round and were ignored (e.g. {examples})."
        )
    raise ValueError(f"unknown notice code {code!r}")
