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
