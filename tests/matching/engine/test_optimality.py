"""The solver's assignment is optimal: on small random rounds its objective equals the
optimum found independently (SciPy's MILP, and brute force where that is small enough)."""

import pytest

from matching.engine import Params, match
from tests.matching.engine.instances import brute_force_optimum, milp_optimum, random_problem


@pytest.mark.parametrize("seed", range(200))
def test_the_solver_matches_an_independent_optimum(seed):
    problem = random_problem(seed)
    params = Params(top_k_per_challenge=1 + seed % 4, top_k_per_provider=seed % 3)
    result = match(problem, params=params)

    assert result.figures.objective == pytest.approx(milp_optimum(problem, result), abs=1e-9)
    assert {(c, p) for c, p in problem.locks} <= {(m.challenge, m.provider) for m in result.matches}


@pytest.mark.parametrize("seed", range(30))
def test_the_solver_matches_brute_force_on_tiny_rounds(seed):
    problem = random_problem(1000 + seed, max_challenges=4, max_providers=4)
    result = match(problem)
    if result.figures.candidate_edges > 16:
        pytest.skip("too many edges to enumerate")

    assert result.figures.objective == pytest.approx(brute_force_optimum(problem, result), abs=1e-9)


def test_objective_is_total_score_less_the_penalty_for_each_empty_slot():
    problem = random_problem(7)
    result = match(problem, params=Params(unfilled_penalty=0.3))
    figures = result.figures

    assert figures.total_score == pytest.approx(sum(m.score for m in result.matches))
    assert figures.objective == pytest.approx(figures.total_score - 0.3 * figures.unfilled_slots)
