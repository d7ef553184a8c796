"""Where the challenges of a round stand in matching, worked out in the database: how many
are in each state, which are in one, and the state of a page of them. A large round has
50,000 challenges; none of them is read into Python to be counted.

The whole round's tallies cost time in proportion to the round (30-40 ms at 50,000), so
the unfiltered board keeps them a minute in the cache, and every service that changes a
pair has them counted again (`tallies_changed`); the page says when they were counted."""

from collections import Counter
from datetime import datetime

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet, TextChoices
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from challenges.models import Challenge
from incubator.models import Programme
from matching.models import Match


class BoardState(TextChoices):
    """Where a challenge stands in matching, from its pairs."""

    CONFIRMED = "confirmed", _("Confirmed")
    PARTLY = "partly", _("Partly confirmed")
    PROPOSED = "proposed", _("Proposed")
    UNPAIRED = "unpaired", _("No pair")


# The state of a challenge with pairs (c: the challenge, p: its pairs' counts): every
# provider it wants confirmed, some confirmed, or only proposed. Without pairs: unpaired.
STATE = (
    "CASE WHEN p.confirmed > 0 AND p.confirmed >= c.providers_wanted THEN 'confirmed'"
    " WHEN p.confirmed > 0 THEN 'partly' ELSE 'proposed' END"
)


def _live_pairs(programme: Programme) -> QuerySet[Match]:
    return Match.objects.filter(programme=programme).exclude(state=Match.State.REJECTED)


def _paired(
    programme: Programme, challenges: QuerySet[Challenge], pairs: QuerySet[Match] | None = None
) -> tuple[str, list]:
    """The SQL of (pk, state) of these challenges that have pairs (among ``pairs``, every
    live pair of the programme unless told), and its parameters; PostgreSQL answers it
    from two indexes (challenge_round_idx, match_board_idx)."""
    pairs = (
        (_live_pairs(programme) if pairs is None else pairs)
        .values("challenge")
        .annotate(
            n=Count("challenge"),
            confirmed=Count("challenge", filter=Q(state=Match.State.CONFIRMED)),
        )
        .order_by()
    )
    listed_sql, listed_params = (
        challenges.order_by().values("pk", "providers_wanted").query.sql_with_params()
    )
    pairs_sql, pairs_params = pairs.query.sql_with_params()
    sql = (
        f"SELECT c.pk AS pk, {STATE} AS state FROM ({listed_sql}) c"
        f" JOIN ({pairs_sql}) p ON p.challenge = c.pk"
    )
    return sql, [*listed_params, *pairs_params]


def _rows(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def state_tallies(programme: Programme, challenges: QuerySet[Challenge]) -> Counter:
    """How many of these challenges are in each state, in two queries."""
    sql, params = _paired(programme, challenges)
    tally = Counter(dict(_rows(f"SELECT state, COUNT(*) FROM ({sql}) s GROUP BY state", params)))
    tally[BoardState.UNPAIRED.value] = challenges.order_by().count() - tally.total()
    return tally


TALLIES_SECONDS = 60


def _tallies_key(programme_id: int) -> str:
    return f"matching:board-tallies:{programme_id}"


def kept_tallies(programme: Programme, challenges: QuerySet[Challenge]) -> tuple[Counter, datetime]:
    """The tallies of the whole round (``challenges``: every challenge taking part), as
    counted at most a minute ago or since the last change to a pair, and when."""
    kept = cache.get(_tallies_key(programme.pk))
    if kept is None:
        kept = (state_tallies(programme, challenges), timezone.now())
        cache.set(_tallies_key(programme.pk), kept, TALLIES_SECONDS)
    return kept


def tallies_changed(*, programme_id: int) -> None:
    """A pair of the programme changed: its board is counted again. Forgotten now, for
    the rest of this transaction, and again on commit, as another request may have
    counted the old pairs in between."""
    cache.delete(_tallies_key(programme_id))
    transaction.on_commit(lambda: cache.delete(_tallies_key(programme_id)))


def in_state(programme: Programme, challenges: QuerySet[Challenge], state: str):
    """The ids of these challenges in the state, in order: a list, or a queryset of the
    unpaired ones."""
    if state == BoardState.UNPAIRED:
        paired = _live_pairs(programme).values("challenge")
        return challenges.exclude(pk__in=paired).order_by("pk").values_list("pk", flat=True)
    sql, params = _paired(programme, challenges)
    found = _rows(f"SELECT pk FROM ({sql}) s WHERE state = %s ORDER BY pk", [*params, state])
    return [pk for (pk,) in found]


def states_of(programme: Programme, pks: list[int]) -> dict[int, str]:
    """The state of each of these challenges."""
    if not pks:
        return {}
    sql, params = _paired(
        programme,
        Challenge.objects.filter(pk__in=pks),
        _live_pairs(programme).filter(challenge__in=pks),
    )
    found = dict(_rows(sql, params))
    return {pk: found.get(pk, BoardState.UNPAIRED.value) for pk in pks}
