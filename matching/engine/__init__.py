"""The matching engine: plain Python on NumPy, SciPy and OR-Tools, no Django.

    from matching.engine import Challenge, Problem, Provider, match

    result = match(Problem(challenges=[...], providers=[...], locks=[("ch-1", "so-4")]))
    for m in result.matches:
        print(m.challenge, m.provider, m.score, result.reason_texts(m))
    document = result.to_exchange_dict("incubator-2025")   # incubator-matches/1

Hard rules first (never the owner's country, a declared conflict or an excluded pair),
then a score in [0, 1] from components kept for explanation, candidate edges computed
block by block, an exact assignment under demand and capacity with locks kept, and
reasons for every match. `run` describes the stages; each module holds one of them.
"""

from matching.engine.components import shared_working_hours
from matching.engine.errors import EngineError, InputError, SolverError
from matching.engine.model import (
    COMPONENTS,
    Alternate,
    Candidate,
    Challenge,
    Figures,
    Match,
    MatchResult,
    Notice,
    Params,
    PassedOver,
    Placement,
    Problem,
    Provider,
    Reason,
    Unfilled,
    Weights,
)
from matching.engine.run import match

__all__ = [
    "COMPONENTS",
    "Alternate",
    "Candidate",
    "Challenge",
    "EngineError",
    "Figures",
    "InputError",
    "Match",
    "MatchResult",
    "Notice",
    "Params",
    "PassedOver",
    "Placement",
    "Problem",
    "Provider",
    "Reason",
    "SolverError",
    "Unfilled",
    "Weights",
    "match",
    "shared_working_hours",
]
