"""The language a text is written in, from its most common short words.

Explanations show the language of each text so that a secretariat sees at a glance when
a pair was found across languages. Teams write in a handful of languages and their texts
run to several sentences, where counting function words is reliable; a text too short or
too mixed to tell gets "" (unknown) rather than a guess.
"""

from matching.engine.text import TOKEN_PATTERN

# Short, frequent words that are rare in the other languages listed.
_MARKERS = {
    "en": "the and of to is are we our with for that this from by be it their they have in on an "
    "or as at can its who which every without",
    "fr": "le la les des est et une un du nous pour dans sur qui que pas au aux avec leurs "
    "sont à chaque",
    "es": "el y los las del una un por para con que en es su sus al como queremos más",
    "pt": "o e os as do da dos das uma um em no na não com para que ao pelo pela seu sua "
    "queremos mais",
    "de": "der die das und ist nicht mit wir für ein eine den dem von zu auf sich",
    "it": "il gli della che per non una sono con del nel alla dei anche più",
    "nl": "de het een en van is niet met voor op zijn wij ons dat die naar",
}
_WORDS = {language: frozenset(words.split()) for language, words in _MARKERS.items()}
# A language must account for this many marker words, and lead the next by this share.
MIN_MARKERS = 2
MIN_LEAD = 1.25


def text_language(text: str) -> str:
    """The ISO 639-1 code of the language `text` is written in, or "" if unclear."""
    tokens = TOKEN_PATTERN.findall(text.lower()) + [
        word for word in text.lower().split() if len(word) == 1 and word.isalpha()
    ]
    counts = sorted(
        ((sum(token in words for token in tokens), language) for language, words in _WORDS.items()),
        reverse=True,
    )
    (best, language), (second, _) = counts[0], counts[1]
    if best < MIN_MARKERS or best < MIN_LEAD * second:
        return ""
    return language
