"""Tests: the embedded mode unless the environment names PostgreSQL and Redis."""

from config.settings.base import *  # noqa: F403

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
