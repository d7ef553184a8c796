"""The language a text is written in, from its most common short words.

The text component needs it (TF-IDF says nothing about two texts in different
languages) and explanations show it, so that a secretariat sees at a glance when a pair
was found across languages. Teams write in a handful of languages and their texts run to
several sentences, where counting function words is reliable; a text too short or too
mixed to tell gets "" (unknown) rather than a guess.

Counting reads the term counts that TF-IDF builds anyway (one sparse product), so telling
the language of 20,000 texts costs next to nothing.
"""

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

# Short, frequent words, most of them rare in the other languages listed.
_MARKERS = {
    "en": "the and of to is are we our with for that this from by be it their they have in on "
    "an or as at can its who which every without",
    "fr": "le la les des est et une un du nous pour dans sur qui que pas au aux avec leurs sont "
    "chaque",
    "es": "el los las del una un por para con que en es su sus al como queremos más",
    "pt": "os as do da dos das uma um em no na não com para que ao pelo pela seu sua queremos mais",
    "de": "der die das und ist nicht mit wir für ein eine den dem von zu auf sich",
    "it": "il gli della che per non una sono con del nel alla dei anche più",
    "nl": "de het een en van is niet met voor op zijn wij ons dat die naar",
}
LANGUAGES = tuple(_MARKERS)
# A language must account for this many marker words, and lead the next by this share.
MIN_MARKERS = 2
MIN_LEAD = 1.25


def languages_of(counts: sp.csr_matrix, vocabulary: Sequence[str]) -> list[str]:
    """The ISO 639-1 code of the language of each text, "" where unclear, from its term
    counts (texts × vocabulary)."""
    column = {term: i for i, term in enumerate(vocabulary)}
    markers = np.zeros((len(vocabulary), len(LANGUAGES)), dtype=np.float64)
    for j, language in enumerate(LANGUAGES):
        rows = [column[word] for word in _MARKERS[language].split() if word in column]
        markers[rows, j] = 1
    found = np.asarray(counts @ markers)
    ordered = np.sort(found, axis=1)
    best, second = ordered[:, -1], ordered[:, -2]
    clear = (best >= MIN_MARKERS) & (best >= MIN_LEAD * second)
    return [LANGUAGES[j] if ok else "" for j, ok in zip(found.argmax(axis=1), clear, strict=True)]
