"""Why a pair was proposed and why a better-scored provider went elsewhere, in codes with
data and in English, and the incubator-matches/1 document."""

from matching.engine import Challenge, Params, Problem, Provider, Weights, match
from matching.engine.explain import deciding_component
from tests.matching.engine.instances import random_problem

LISBON, PARIS, SAO_PAULO = "Europe/Lisbon", "Europe/Paris", "America/Sao_Paulo"


def round_with_a_contested_provider(locks=()):
    """so-star suits both challenges best but can take one; ch-b needs it more."""
    return Problem(
        challenges=[
            Challenge("ch-a", "PT", ["inclusion"], ["pt"], LISBON, "rural digital services", 1),
            Challenge("ch-b", "FR", ["inclusion"], ["pt"], PARIS, "rural digital services", 1),
        ],
        providers=[
            Provider("so-star", "BR", ["inclusion"], ["pt"], SAO_PAULO, "rural digital services"),
            Provider("so-good", "BR", ["inclusion"], ["pt"], SAO_PAULO, "rural services"),
            Provider("so-far", "JP", [], ["ja"], "Asia/Tokyo", "harbour logistics"),
        ],
        locks=list(locks),
        theme_names={"inclusion": "Digital inclusion"},
    )


def test_a_better_candidate_at_capacity_is_explained_by_where_it_went():
    result = match(round_with_a_contested_provider())
    by_challenge = {m.challenge: m for m in result.matches}
    star = next(m for m in result.matches if m.provider == "so-star")
    other = by_challenge["ch-a" if star.challenge == "ch-b" else "ch-b"]

    assert other.provider == "so-good" and other.rank == 2
    (passed,) = other.passed_over
    assert passed.provider == "so-star" and passed.code == "at_capacity"
    assert [p.challenge for p in passed.went_to] == [star.challenge]
    assert [a.provider for a in other.alternates] == ["so-star", "so-far"]
    assert other.alternates[0].spare_capacity == 0


def test_a_locked_weaker_pair_says_the_better_one_lost_to_the_lock():
    result = match(round_with_a_contested_provider(locks=[("ch-a", "so-far")]))
    locked = next(m for m in result.matches if m.challenge == "ch-a")

    assert locked.provider == "so-far" and locked.locked
    assert {p.code for p in locked.passed_over} <= {"locked", "at_capacity"}
    assert "locked" in {p.code for p in locked.passed_over}


def test_reasons_are_codes_with_data_worded_in_english():
    result = match(round_with_a_contested_provider())
    star = next(m for m in result.matches if m.provider == "so-star")
    codes = {r.code: r.data for r in star.reasons}

    assert codes["themes"] == {"themes": ["inclusion"]}
    assert codes["text"]["similarity"] == 1.0
    assert "shares a theme: Digital inclusion" in result.reason_texts(star)
    texts = [r.text() for r in star.reasons]
    assert "similar descriptions (text similarity 1.00)" in texts


def test_every_reason_wording_reads_as_a_sentence_part():
    problem = Problem(
        challenges=[Challenge("ch-1", "PT", ["a", "b"], ["es", "en"], LISBON, "x y", 2)],
        providers=[
            Provider(
                "so-1", "CL", ["a", "b"], ["es", "en"], "America/Santiago", "x y", 1, ["ch-1"], 0.9
            ),
        ],
    )
    result = match(problem, params=Params(max_reasons=6))
    texts = result.reason_texts(result.matches[0])

    assert "both work in English and Spanish" in texts
    assert "the provider asked for this challenge (first choice)" in texts
    assert "reviewers scored the solution 0.90 out of 1" in texts
    assert "shares themes: a, b" in texts
    assert any(t.endswith("hours of shared working time") for t in texts)


def test_the_exchange_document_has_the_spec_shape():
    result = match(round_with_a_contested_provider())
    document = result.to_exchange_dict("incubator-2025")

    assert document["format"] == "incubator-matches/1"
    assert document["programme"] == "incubator-2025"
    assert set(document["rankings"]) == {"ch-a", "ch-b"}
    scores = [entry["score"] for entry in document["rankings"]["ch-a"]]
    assert scores == sorted(scores, reverse=True)
    assert set(document["rankings"]["ch-a"][0]) == {"solution", "score"}
    for entry in document["matches"]:
        assert set(entry) == {"challenge", "solution", "score", "reasons"}
        assert entry["reasons"] and all(isinstance(r, str) for r in entry["reasons"])
        assert 0 <= entry["score"] <= 1


def test_the_deciding_component_is_the_largest_weighted_lead_ties_to_the_earlier():
    weights = Weights(text=0.5, themes=0.25, languages=0.25, hours=0, interest=0, review=0)
    ahead = {"text": 0.75, "themes": 1.0, "languages": 1.0, "hours": 1.0, "interest": 0.0}
    behind = {"text": 0.25, "themes": 0.0, "languages": 0.5, "hours": 0.0, "interest": 0.0}

    # text leads by 0.5 × 0.5, themes by 0.25 × 1: equal, and text comes first.
    assert deciding_component(weights, ahead, behind) == "text"
    assert deciding_component(weights, behind, ahead) == ""
    assert deciding_component(weights, {**ahead, "review": 1.0}, behind) == "text"
    assert deciding_component(weights, {**behind, "themes": 0.9}, behind) == "themes"


def test_a_run_without_details_writes_the_same_document_and_leaves_only_the_details_out():
    left_out = 0
    for seed in range(12):
        problem = random_problem(seed, max_challenges=9, max_providers=9)
        full = match(problem)
        bare = match(problem, params=Params(details=False))

        assert bare.to_exchange_dict("round") == full.to_exchange_dict("round")
        assert [(m.challenge, m.provider, m.components, m.reasons) for m in bare.matches] == [
            (m.challenge, m.provider, m.components, m.reasons) for m in full.matches
        ]
        assert [u.challenge for u in bare.unfilled] == [u.challenge for u in full.unfilled]
        ranked = [c for found in bare.rankings.values() for c in found]
        assert [(c.provider, c.rank, c.matched) for c in ranked] == [
            (c.provider, c.rank, c.matched) for found in full.rankings.values() for c in found
        ]
        assert all(c.components == {} for c in ranked)
        assert all(not m.alternates and not m.passed_over for m in bare.matches)
        assert all(not u.passed_over for u in bare.unfilled)
        left_out += sum(len(m.alternates) + len(m.passed_over) for m in full.matches)
        left_out += sum(len(u.passed_over) for u in full.unfilled) + len(ranked)
    # The full runs had details to leave out.
    assert left_out > 100
