"""Tests: the embedded mode unless the environment names PostgreSQL and Redis."""

import os
from urllib.parse import urlsplit

from config.settings.base import *  # noqa: F403
from config.settings.env import cache_from_env

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
ACCOUNT_RATE_LIMITS = False
# Embedding every text a factory saves would slow every test down; the tests of
# embeddings switch them on for themselves.
MATCHING_EMBEDDINGS = False
CELERY_TASK_ALWAYS_EAGER = True  # worker tests switch this off for themselves

# Under pytest-xdist each test process has a Redis database of its own (REDIS_URL's, then
# the ones below it), so one process clearing its cache never empties another's.
if REDIS_URL and (_process := os.environ.get("PYTEST_XDIST_WORKER", "")):  # noqa: F405
    _url = urlsplit(REDIS_URL)  # noqa: F405
    _database = int(_url.path.strip("/") or 0) - int(_process.removeprefix("gw"))
    REDIS_URL = _url._replace(path=f"/{_database % 16}").geturl()
    CELERY_BROKER_URL = REDIS_URL
    CACHES["default"] = cache_from_env(REDIS_URL)  # noqa: F405
