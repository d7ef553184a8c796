from django.utils import translation

from matching.reasons import passed_over_text, reason_text


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
