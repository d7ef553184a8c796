"""Failed sign-ins slow down whoever makes them, never the account's owner elsewhere.

Each account and client address keeps its own count: after ``failures_before_wait``
failures the next attempt from that address waits ``first_wait`` seconds, doubling with each
further failure up to ``longest_wait``; a correct password from that address forgets
them. Across addresses, an account's failures within ``SIGN_IN_ALERT["within"]`` are
counted too, so that the secretariat can be told (services/accounts.py). Everything
lives in the cache, which falls back to memory when Redis is down (incubator/cache.py)."""

import math
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def _address_key(account: str, address: str) -> str:
    return f"sign-in-delay:{account.lower()}:{address}"


def _account_key(account: str) -> str:
    return f"sign-in-failures:{account.lower()}"


def wait_left(*, account: str, address: str) -> int:
    """Seconds before this address may try this account's password again (0: now)."""
    record = cache.get(_address_key(account, address)) or {}
    return max(0, math.ceil(record.get("until", 0) - time.time()))


def failure_note(*, account: str, address: str) -> int:
    """Count a failed sign-in; returns the account's failures (every address) in the
    alert window, this one included."""
    delays = settings.SIGN_IN_DELAYS
    now = time.time()
    key = _address_key(account, address)
    failures = (cache.get(key) or {}).get("failures", 0) + 1
    beyond = failures - delays["failures_before_wait"]
    wait = min(delays["first_wait"] * 2**beyond, delays["longest_wait"]) if beyond >= 0 else 0
    cache.set(
        key, {"failures": failures, "until": now + wait}, timeout=wait + delays["forget_after"]
    )

    within = settings.SIGN_IN_ALERT["within"]
    recent = [t for t in cache.get(_account_key(account)) or [] if t > now - within]
    recent = [*recent, now][-settings.SIGN_IN_ALERT["failures"] :]
    cache.set(_account_key(account), recent, timeout=within)
    return len(recent)


def success_note(*, account: str, address: str) -> None:
    """The right password from this address: its earlier failures are forgotten."""
    cache.delete(_address_key(account, address))


def wait_message(seconds: int) -> str:
    """What the sign-in page says, rounded up so that trying at the time given works."""
    if seconds < 60:
        wait = ngettext("%(count)d second", "%(count)d seconds", seconds) % {"count": seconds}
    else:
        minutes = math.ceil(seconds / 60)
        wait = ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    return _(
        "Too many failed sign-in attempts from your address for this account. "
        "You can try again in %(wait)s."
    ) % {"wait": wait}
