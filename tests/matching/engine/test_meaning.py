"""What the text reasons say beyond a number: the word and meaning parts of the blend,
the language of each text, the phrases closest in meaning, and which component decided
for a candidate that was not proposed."""

import numpy as np

from matching.engine import Challenge, Params, Problem, Provider, Weights, match
from matching.engine.phrases import PhraseIndex, phrases
from matching.engine.text import text_language

# A stand-in for a multilingual sentence model: each text is placed on a few axes of
# meaning by the words, in any of three languages, that name them.
AXES = (
    ("river", "rivers", "ríos", "rios", "flood", "floods", "desbordan", "water"),
    ("warn", "warning", "warnings", "avisar", "aviso", "alerte", "ahead", "antelación"),
    ("insurance", "claims", "payment", "seguro"),
    ("school", "schools", "escuela", "escola", "places", "cupos"),
)


def meaning_of(texts):
    vectors = np.array(
        [[sum(word.strip(".,") in axis for word in text.lower().split()) for axis in AXES]
         for text in texts],
        dtype=np.float32,
    ) + 0.01  # fmt: skip
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


FLOODS_ES = (
    "Los ríos se desbordan cada año y las aldeas se enteran tarde. Queremos avisar a las "
    "comunidades con días de antelación."
)
FLOODS_EN = (
    "River flood forecasting for the water boards of the delta. Warnings reach every "
    "municipality days ahead of the peak."
)
INSURANCE_EN = "Flood insurance claims are paid online. Owners upload photographs of the damage."
SCHOOLS_EN = "Families apply online to several schools. An algorithm assigns the places fairly."


def floods_round(**provider_options):
    return Problem(
        challenges=[
            Challenge("ch-floods", "BD", ["climate"], ["es"], text=FLOODS_ES, providers_wanted=1),
            Challenge(
                "ch-schools", "PE", ["education"], ["es"], text=SCHOOLS_EN, providers_wanted=1
            ),
        ],
        providers=[
            Provider("so-warning", "NL", ["climate"], ["es"], text=FLOODS_EN, **provider_options),
            Provider("so-insurance", "US", ["climate"], ["es"], text=INSURANCE_EN),
            Provider("so-schools", "CL", ["education"], ["es"], text=SCHOOLS_EN),
        ],
        theme_names={"climate": "Climate", "education": "Education"},
    )


def match_of(result, challenge):
    return next(m for m in result.matches if m.challenge == challenge)


def test_a_text_is_cut_into_short_phrases_at_sentences_and_long_sentences_at_commas():
    text = (
        "Registering land takes months. We want to digitise the cadastre, record every "
        "transfer of title securely and in a way nobody can alter afterwards, and cut fees."
    )

    assert phrases(text) == [
        "Registering land takes months",
        "We want to digitise the cadastre",
        "record every transfer of title securely and in a way nobody can alter afterwards, "
        "and cut fees",
    ]


def test_the_language_of_a_text_is_told_from_its_common_words_or_left_unknown():
    assert text_language(FLOODS_ES) == "es"
    assert text_language(FLOODS_EN) == "en"
    assert text_language("As receitas médicas em papel perdem-se e são falsificadas.") == "pt"
    assert text_language("Nous voulons un catalogue public de données.") == "fr"
    assert text_language("rural digital services") == ""


def test_a_match_across_languages_quotes_its_closest_phrases_and_both_languages():
    result = match(floods_round(), params=Params(embedder=meaning_of, embedding_blend=0.5))
    floods = match_of(result, "ch-floods")

    assert floods.provider == "so-warning"
    texts = result.reason_texts(floods)
    assert texts[-1] == (
        'closest in meaning: "Queremos avisar a las comunidades con días de antelación" and '
        '"Warnings reach every municipality days ahead of the peak"; "Los ríos se desbordan '
        'cada año y las aldeas se enteran tarde" and "River flood forecasting for the water '
        'boards of the delta" (challenge in Spanish, provider in English)'
    )
    text = next(r for r in floods.reasons if r.code == "text").data
    # Written in two languages, the texts share no word: their meaning alone counts.
    assert text["tfidf"] == 0 and text["embedding"] > 0.9
    assert text["similarity"] == text["embedding"]


def test_a_long_sentence_without_a_comma_is_quoted_by_its_first_sixteen_words():
    problem = floods_round()
    long_en = " ".join(["River flood warnings reach every municipality of the delta"] * 3)
    problem.providers[0] = Provider("so-warning", "NL", ["climate"], ["es"], text=long_en)

    floods = match_of(match(problem, params=Params(embedder=meaning_of)), "ch-floods")
    meaning = next(reason for reason in floods.reasons if reason.code == "meaning")

    assert meaning.data["phrases"][0][1] == (
        "River flood warnings reach every municipality of the delta River flood warnings "
        "reach every municipality of…"
    )


def test_texts_in_one_language_blend_their_words_and_meaning():
    result = match(floods_round(), params=Params(embedder=meaning_of, embedding_blend=0.25))
    schools = next(r for r in match_of(result, "ch-schools").reasons if r.code == "text").data

    assert schools["tfidf"] == 1
    assert schools["similarity"] == round(0.75 + 0.25 * schools["embedding"], 4)


def test_without_an_embedder_no_phrase_is_quoted_but_the_languages_are_said():
    result = match(floods_round())
    schools = match_of(result, "ch-schools")

    assert "meaning" not in {r.code for r in schools.reasons}
    assert "similar descriptions (text similarity 1.00; both in English)" in result.reason_texts(
        schools
    )


def test_a_weaker_candidate_says_on_which_component_the_proposed_pair_beat_it():
    result = match(floods_round(), params=Params(embedder=meaning_of, embedding_blend=0.5))
    floods = match_of(result, "ch-floods")

    insurance = next(a for a in floods.alternates if a.provider == "so-insurance")
    assert insurance.decided_by == "text"


def test_a_better_candidate_that_went_elsewhere_says_what_it_fits_better_there():
    # so-star describes the floods challenge word for word but asked for the schools one
    # first; so-warning is as close in words and free. The best assignment sends so-star
    # to the schools, which it fits better on stated interest.
    problem = Problem(
        challenges=[
            Challenge("ch-floods", "BD", text=FLOODS_EN, providers_wanted=1),
            Challenge("ch-schools", "PE", text=SCHOOLS_EN, providers_wanted=1),
        ],
        providers=[
            Provider("so-star", "CL", text=FLOODS_EN, interested_in=["ch-schools", "ch-floods"]),
            Provider("so-warning", "NL", text=FLOODS_EN),
        ],
    )
    text_and_interest = Weights(text=1, themes=0, languages=0, hours=0, interest=1, review=0)

    result = match(problem, weights=text_and_interest)

    assert match_of(result, "ch-schools").provider == "so-star"
    floods = match_of(result, "ch-floods")
    assert floods.provider == "so-warning"
    (star,) = floods.passed_over
    assert (star.provider, star.code, star.decided_by) == ("so-star", "at_capacity", "interest")


def test_phrases_compare_by_cosine_whatever_the_length_of_their_vectors():
    buses, times, taxes = (
        "Buses publish their timetables as open data",
        "A city shares live bus times with everyone",
        "Tax returns are filed on paper forms",
    )
    vectors = {buses: [10.0, 0, 0], times: [0.006, 0.008, 0], taxes: [0, 0, 5.0]}
    index = PhraseIndex(
        [buses, times, taxes, ""], lambda batch: np.array([vectors[p] for p in batch])
    )

    assert index.closest([(buses, times), (buses, taxes), ("", times)], 1) == [
        [(buses, times, 0.6)],
        [],
        [],
    ]


def test_texts_without_a_phrase_quote_nothing():
    index = PhraseIndex(["", " . "], lambda batch: np.zeros((len(batch), 3)))

    assert index.closest([("", " . ")], 2) == [[]]


class KeptPhrases:
    """An embedder that keeps each text's phrase vectors, in float16, as the portal's
    stored one does."""

    def __init__(self, vectors: dict):
        self.vectors, self.asked = vectors, []

    def __call__(self, batch):
        raise AssertionError(f"asked to embed {batch} though it keeps their vectors")

    def phrase_vectors(self, found):
        self.asked.append([text for text, _ in found])
        rows = [self.vectors[phrase] for _, its in found for phrase in its]
        return np.array(rows, dtype=np.float16).reshape(len(rows), -1)


def test_an_embedder_that_keeps_phrase_vectors_gives_them_text_by_text_and_quotes_the_same():
    first, second, third = (
        "Buses publish their timetables as open data. Riders plan their trips at home",
        "A city shares live bus times with everyone. Trips are planned from a phone",
        "Tax returns are filed on paper forms",
    )
    found = [p for text in (first, second, third) for p in phrases(text)]
    rng = np.random.default_rng(4)
    vectors = dict(zip(found, rng.standard_normal((len(found), 8)), strict=True))
    kept = KeptPhrases(vectors)
    pairs = [(first, second), (first, third), (second, third)]

    by_text = PhraseIndex([first, second, third], kept).closest(pairs, 2)
    embedded = PhraseIndex(
        [first, second, third], lambda batch: np.array([vectors[p] for p in batch])
    ).closest(pairs, 2)

    assert kept.asked == [[first, second, third]]
    assert [[quote[:2] for quote in quotes] for quotes in by_text] == [
        [quote[:2] for quote in quotes] for quotes in embedded
    ]
    assert sum(map(len, by_text)) >= 2  # something was quoted
    for quotes, others in zip(by_text, embedded, strict=True):
        assert np.allclose([q[2] for q in quotes], [q[2] for q in others], atol=1e-3)
