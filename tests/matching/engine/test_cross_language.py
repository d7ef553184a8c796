"""A challenge written in Spanish, Portuguese or French finds the English-language team
that solved the same problem: its text similarity, as the engine blends it from the
sentence model's vectors and TF-IDF, ranks that team above unrelated ones."""

import numpy as np
import pytest

from matching.engine.embedding import embed
from matching.engine.model import Params
from matching.engine.text import TextSimilarity

SOLVED = {
    "flood-warning": (
        "River flood forecasting and early warning. Hydrological models fed with rainfall "
        "and gauge measurements predict water levels days ahead and warn residents."
    ),
    "school-admission": (
        "A centralised school admission system. Families apply online to several public "
        "schools in order of preference and an algorithm assigns places fairly."
    ),
    "e-prescription": (
        "Paperless medical prescriptions. Doctors send prescriptions electronically and the "
        "patient collects the medicine at any pharmacy with a code."
    ),
}
UNRELATED = [
    "A public pension fund's investment rules and the list of its holdings.",
    "Renovating historic court buildings with better acoustics and step-free access.",
    "Progressive water tariffs that make the first litres free for every household.",
    "Registering drones and licensing their pilots before they fly near airports.",
]
CHALLENGES = [
    pytest.param(
        "es",
        "flood-warning",
        "Los ríos se desbordan cada año y los pueblos se enteran tarde. Queremos predecir la "
        "crecida con datos de lluvia y avisar a las comunidades con días de antelación.",
        id="es",
    ),
    pytest.param(
        "pt",
        "e-prescription",
        "As receitas médicas em papel perdem-se e são falsificadas. Queremos que o médico "
        "envie a receita por via eletrónica e que o doente a levante em qualquer farmácia.",
        id="pt",
    ),
    pytest.param(
        "fr",
        "school-admission",
        "Les familles font la queue la nuit pour obtenir une place à l'école publique. Nous "
        "voulons qu'elles postulent en ligne à plusieurs écoles et qu'un algorithme "
        "attribue les places équitablement.",
        id="fr",
    ),
]


@pytest.mark.parametrize(("language", "solved", "text"), CHALLENGES)
def test_a_challenge_in_another_language_ranks_the_team_that_solved_it_first(
    language, solved, text
):
    providers = [*SOLVED.values(), *UNRELATED]
    similarity = TextSimilarity([text], providers, embedder=embed, blend=Params().embedding_blend)

    scores = similarity.block(0, 1)[0]

    assert providers[int(np.argmax(scores))] == SOLVED[solved]
