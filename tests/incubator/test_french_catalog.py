import re
from pathlib import Path

from django.conf import settings
from django.utils import translation

CATALOG = Path(settings.BASE_DIR) / "locale/fr/LC_MESSAGES/django.po"


def entries() -> list[str]:
    return CATALOG.read_text(encoding="utf-8").split("\n\n")[1:]  # the header comes first


def test_every_interface_message_has_a_french_translation():
    untranslated = [e for e in entries() if re.search(r'^msgstr(\[\d\])? ""$(?!\n")', e, re.M)]
    fuzzy = [e for e in entries() if "#, fuzzy" in e]

    assert not untranslated, untranslated[:3]
    assert not fuzzy, fuzzy[:3]


def test_the_compiled_catalog_is_the_one_the_portal_reads():
    with translation.override("fr"):
        assert translation.gettext("Check your answers") == "Vérifiez vos réponses"


# French typography ----------------------------------------------------------------------
# A non-breaking space (U+00A0, the one choice throughout) comes before : ; ? ! and inside
# « », and quotation marks are « ». Markup, addresses, clock times and placeholders are
# not prose; nor is JSON quoted as it must be typed.
NBSP = "\u00a0"
NOT_PROSE = re.compile(
    r"<[^>]*>|https?://\S+|%\([a-z_]+\)[sd]|%[sd]|\{[^}]*\}|\d:\d|\"format\": \"%\(format\)s\""
)


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


def french_texts() -> list[tuple[str, str]]:
    """(msgid, msgstr) of every entry, continuation lines joined."""
    found = []
    for entry in entries():
        parts, current = {}, None
        for line in entry.splitlines():
            if match := re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?|msgctxt) "(.*)"$', line):
                current = match.group(1)
                parts[current] = _unquote(match.group(2))
            elif (match := re.match(r'^"(.*)"$', line)) and current:
                parts[current] += _unquote(match.group(1))
        found += [(parts.get("msgid", ""), v) for k, v in parts.items() if k.startswith("msgstr")]
    return found


def typography_faults(text: str) -> list[str]:
    prose = NOT_PROSE.sub(lambda m: "x" * len(m.group()), text)
    faults = []
    for at, char in enumerate(prose):
        before, after = prose[at - 1 : at], prose[at + 1 : at + 2]
        if char in ":;?!»" and before != NBSP:
            faults.append(f"no non-breaking space before {char}")
        if char == "«" and after != NBSP:
            faults.append("no non-breaking space after «")
        if char in '"“”':
            faults.append(f"{char} instead of « »")
        if char == "\u202f":
            faults.append("a narrow non-breaking space; the catalog uses U+00A0")
    return faults


def test_the_typography_rule_catches_what_it_should():
    assert typography_faults("Oui: voir la page") == ["no non-breaking space before :"]
    assert typography_faults("Retirer “%(title)s” ?") == [
        "“ instead of « »",
        "” instead of « »",
        "no non-breaking space before ?",
    ]
    assert typography_faults(f"Retirer «{NBSP}%(title)s{NBSP}»{NBSP}?") == []
    assert typography_faults('<a href="https://x.example/?a=1">Le 1er mars à 14:00</a>') == []


def test_every_french_message_follows_french_typography():
    faulty = [(msgid, text) for msgid, text in french_texts() if typography_faults(text)]

    assert not faulty, faulty[:5]


TEMPLATE_DIRS = [p for p in Path(settings.BASE_DIR).glob("*/templates") if ".venv" not in str(p)]


def test_no_template_puts_punctuation_after_a_translated_text():
    # “{% translate "Yes" %}: …” prints “Oui: …” in French; the colon belongs in the catalog.
    outside = re.compile(r"""\{% translate "[^"]*" %\}[:;?!]""")
    faulty = [
        f"{path}: {match.group()}"
        for folder in TEMPLATE_DIRS
        for path in folder.rglob("*.*")
        for match in outside.finditer(path.read_text(encoding="utf-8"))
    ]

    assert not faulty, faulty
