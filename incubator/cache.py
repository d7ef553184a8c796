"""The cache on Redis, which must never take a page down: when Redis does not answer,
each operation falls back to this process's own memory (rate limits keep counting, per
process) and a warning is logged; Redis is tried again a few seconds later."""

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

log = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 5
OPERATIONS = (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
)


class FailSoftRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._fallback = LocMemCache(f"fallback-{server}", {})
        self._down_until = 0.0


def _fail_soft(name: str):
    on_redis = getattr(RedisCache, name)

    def operation(self, *args, **kwargs):
        if time.monotonic() >= self._down_until:
            try:
                return on_redis(self, *args, **kwargs)
            except (RedisError, OSError) as error:
                self._down_until = time.monotonic() + RETRY_AFTER_SECONDS
                log.warning("The cache (Redis) is not answering, using memory: %s", error)
        return getattr(self._fallback, name)(*args, **kwargs)

    operation.__name__ = name
    return operation


for _name in OPERATIONS:
    setattr(FailSoftRedisCache, _name, _fail_soft(_name))
