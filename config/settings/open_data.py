"""The open-data API (library/api/): public and read-only, so no sign-in; JSON only."""

from config.settings.env import env_int, env_str

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": ["library.api.caching.PerClientThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Incubator open data",
    "DESCRIPTION": "Public records of every round: programmes, calls, challenges, consented "
    "solution proposals and matches, approved stories, themes.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1/",
}
OPEN_DATA_RATE = env_str("OPEN_DATA_RATE", "120/minute")
OPEN_DATA_MAX_AGE = env_int("OPEN_DATA_MAX_AGE", 300)
