"""Challenge cards, each the same for every reader of a language, kept rendered in each
process's fragments cache under the challenge's id, updated time and the language: a page
of kept cards reads the ids and times of its challenges, not the challenges with their
teams and themes. A renamed team or theme shows once its cards expire."""

from django.core.cache import caches
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from challenges.models import Challenge, LifecycleStage, Sector
from challenges.selectors import challenge_cards

CARD_SECONDS = 600
# Looked up once per label shown: get_FOO_display() translates every choice each call.
LABELS = {"sector_names": dict(Sector.choices), "stage_names": dict(LifecycleStage.choices)}


def listed(challenges: QuerySet[Challenge]) -> QuerySet[Challenge]:
    """The same challenges in the same order, with only what finds their cards."""
    return challenges.select_related(None).prefetch_related(None).only("pk", "updated_at")


def _key(pk: int, updated_at, level: int) -> str:
    return f"challenge-card:{pk}:{updated_at.isoformat()}:{get_language()}:{level}"


def cards_of(challenges, *, level: int = 3) -> list[SafeString]:
    """The cards of these challenges (each with its id and updated time), in order, in
    one read of the cache; those not kept are drawn from one query and kept."""
    cache = caches["fragments"]
    keys = [_key(c.pk, c.updated_at, level) for c in challenges]
    found = cache.get_many(keys)
    missing = [c.pk for c, key in zip(challenges, keys, strict=True) if key not in found]
    drawn = {}
    if missing:
        fresh = {}
        for challenge in challenge_cards().filter(pk__in=missing):
            context = {"challenge": challenge, "level": level, **LABELS}
            drawn[challenge.pk] = render_to_string("challenges/public/_card.html", context)
            fresh[_key(challenge.pk, challenge.updated_at, level)] = drawn[challenge.pk]
        cache.set_many(fresh, CARD_SECONDS)
    # A challenge changed between the two reads shows as it is now; one gone, not at all.
    cards = [drawn.get(c.pk) or found.get(key) for c, key in zip(challenges, keys, strict=True)]
    return [SafeString(card) for card in cards if card]
