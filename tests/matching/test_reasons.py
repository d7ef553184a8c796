from django.utils import translation

from matching.reasons import alternate_text, passed_over_text, reason_text


def test_reasons_are_said_in_the_viewers_language_with_its_numbers():
    themes = {"digital-inclusion": "Inclusion numérique"}
    with translation.override("fr"):
        shared = reason_text({"code": "themes", "data": {"themes": ["digital-inclusion"]}}, themes)
        similar = reason_text({"code": "text", "data": {"similarity": 0.8512}}, themes)

    # French sets a no-break space before the colon.
    assert shared == "partage un thème\u00a0: Inclusion numérique"
    assert similar == "descriptions similaires (similarité 0,85)"


def test_a_better_candidate_that_went_elsewhere_names_where_and_why():
    entry = {"solution": 7, "score": 0.734, "code": "at_capacity", "went_to": [3, 4]}

    text = passed_over_text(entry, {3: "Ferries", 4: "Queues"}, {7: "Tallinn Office"})

    assert text == (
        "Tallinn Office scored 0.73 but its capacity went to Ferries and Queues, where the best "
        "overall assignment needed it more."
    )


def test_a_blended_text_reason_gives_words_and_meaning_and_the_language_of_each_text():
    data = {
        "similarity": 0.62,
        "tfidf": 0.05,
        "embedding": 0.81,
        "challenge_language": "es",
        "provider_language": "en",
    }

    english = reason_text({"code": "text", "data": data}, {})
    with translation.override("fr"):
        french = reason_text({"code": "text", "data": data}, {})

    assert english == (
        "similar descriptions (similarity 0.62: words 0.05, meaning 0.81; challenge in Spanish, "
        "proposal in English)"
    )
    assert french == (
        "descriptions similaires (similarité 0,62\u00a0: mots 0,05, sens 0,81\u00a0; défi en "
        "espagnol, proposition en anglais)"
    )


def test_the_meaning_reason_quotes_the_closest_phrases_in_the_viewers_quotation_marks():
    data = {
        "phrases": [["Queremos avisar a las comunidades", "Warnings reach every town", 0.71]],
        "challenge_language": "es",
        "provider_language": "en",
    }

    english = reason_text({"code": "meaning", "data": data}, {})
    with translation.override("fr"):
        french = reason_text({"code": "meaning", "data": data}, {})

    assert english == (
        "closest in meaning: “Queremos avisar a las comunidades” and “Warnings reach every town” "
        "(challenge in Spanish, proposal in English)"
    )
    assert french == (
        "les plus proches par le sens\u00a0: «\u00a0Queremos avisar a las comunidades\u00a0» et "
        "«\u00a0Warnings reach every town\u00a0» (défi en espagnol, proposition en anglais)"
    )


def test_a_better_candidate_that_went_elsewhere_says_which_component_decided():
    entry = {
        "solution": 7,
        "score": 0.734,
        "code": "at_capacity",
        "went_to": [3],
        "decided_by": "interest",
    }

    text = passed_over_text(entry, {3: "Ferries"}, {7: "Tallinn Office"})

    assert text == (
        "Tallinn Office scored 0.73 but its capacity went to Ferries, where the best overall "
        "assignment needed it more. It fits Ferries better on the provider's stated interest."
    )


def test_a_weaker_candidate_says_on_which_component_the_proposed_pair_beat_it():
    entry = {"solution": 9, "score": 0.41, "rank": 3, "decided_by": "text"}

    with translation.override("fr"):
        text = alternate_text(entry, {9: "Quito Lab"})

    assert text == (
        "Quito Lab a obtenu une note de 0,41\u00a0; la paire proposée le devance surtout pour "
        "les descriptions similaires."
    )
