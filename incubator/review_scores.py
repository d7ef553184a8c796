"""Review scores for the apps that use them (matching prefers well-reviewed providers)
without importing the review app: it registers how to read them when it loads."""

from collections.abc import Callable, Iterable

from incubator.models import Submission

# (model, primary keys) -> {pk: mean score scaled to [0, 1]}, only for reviewed ones.
Reader = Callable[[type[Submission], Iterable[int]], dict[int, float]]
_readers: list[Reader] = []


def register(reader: Reader) -> None:
    _readers.append(reader)


def review_scores(model: type[Submission], pks: Iterable[int]) -> dict[int, float]:
    pks = list(pks)
    scores: dict[int, float] = {}
    for reader in _readers:
        scores.update(reader(model, pks))
    return scores
