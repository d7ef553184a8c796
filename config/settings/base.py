"""Settings for every mode. The defaults are the embedded mode: SQLite, eager Celery,
email to the console; the environment switches on the production shape."""

from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from config.settings.env import (
    cache_from_env,
    env_bool,
    env_int,
    env_list,
    env_str,
    identity_providers_from_env,
    mailers_from_env,
    site_url_from_env,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DEBUG", True)
# With DEBUG on, people still see the portal's own error pages; a developer who wants
# Django's debug pages (tracebacks, the URL patterns tried) asks for them.
DEBUG_PAGES = env_bool("DEBUG_PAGES", False)
SECRET_KEY = env_str("SECRET_KEY", "embedded-mode-only-not-secret-" + "x" * 40)
# Older keys, still accepted while SECRET_KEY is rotated (sessions, links, 2FA secrets).
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = site_url_from_env()

# The portal's apps, in the order each stage stands on the one before. The core comes
# before allauth and django.forms so that its templates override theirs.
INSTALLED_APPS = [
    "incubator",
    "incubator.admin_config.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "django_countries",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "submissions",
    "challenges",
    "solutions",
    "reviews",
    "matching",
    "incubation",
    "exchange",
    "cohorts",
    "outcomes",
    "library",
    "secretariat",
    "mydata",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "incubator.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages and JSON compressed, with Django's BREACH mitigation (random bytes in each gzip
    # header; CSRF tokens masked per response). Inside WhiteNoise, which serves static
    # files already compressed at collectstatic.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "incubator.middleware.SecondFactorMiddleware",
    "incubator.middleware.ViewerPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "incubator.terms.TermsMiddleware",
    # Inside CommonMiddleware, so a missing slash is still redirected before a 404 shows.
    "incubator.middleware.ErrorPagesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "incubator.context_processors.portal",
                "config.navigation.main_navigation",
                "incubation.context_processors.my_incubations",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles a plan for any query it guesses costly; the portal's
    # are short, and compiling took 200 ms of a 201 ms dashboard query
    # (docs/operations.md, "The database").
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c jit={env_str('DATABASE_JIT', 'off')}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "incubator.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "incubator:dashboard"

# allauth: email is the identity, verified before first use.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_FORM_CLASS = "incubator.forms.accounts.SignupDetailsForm"
ACCOUNT_ADAPTER = "incubator.adapters.PortalAccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# How many proxies (load balancer, TLS proxy) stand in front of gunicorn: the client's
# address is read that many entries from the end of X-Forwarded-For. 0: none, use the
# connection's address.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXIES", 0)
# Failed sign-ins count per account *and* client address, with growing waits
# (incubator/sign_in_delays.py), so an attacker slows down only their own attempts,
# never the owner's from elsewhere; "login_failed" here limits authenticator codes.
SIGN_IN_DELAYS = {
    "failures_before_wait": 5,
    "first_wait": 30,
    "longest_wait": 900,
    "forget_after": 3600,
}
# The secretariat is told when one account fails this often within this many seconds.
SIGN_IN_ALERT = {"failures": 10, "within": 3600}
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
# Government identity providers (OpenID Connect), from OIDC_PROVIDERS: see env.py.
SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": identity_providers_from_env()}}
SOCIALACCOUNT_ADAPTER = "incubator.identity.PortalSocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_STORE_TOKENS = False  # the portal never calls the provider on their behalf
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_ADAPTER = "incubator.mfa.PortalMFAAdapter"
MFA_TOTP_ISSUER = "Innovation Incubator"

# The years every date of a programme falls in (incubator/dates.py): far enough for any
# round and its follow-up, near enough that no date overflows a time zone conversion.
PROGRAMME_YEARS = (env_int("PROGRAMME_FIRST_YEAR", 2000), env_int("PROGRAMME_LAST_YEAR", 2100))

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Matching compares meaning as well as words (sentence embeddings, kept per text); off
# only where a deployment chooses TF-IDF alone.
MATCHING_EMBEDDINGS = env_bool("MATCHING_EMBEDDINGS", True)

# Email: the outbox renders and queues; the mailer delivers.
MAILERS = mailers_from_env(default_backend="console", base_dir=BASE_DIR)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Innovation Incubator <incubator@example.org>")
# The sender's name in each language other than English (the address stays the one above).
EMAIL_SENDER_NAMES = {"fr": env_str("EMAIL_SENDER_NAME_FR", "Incubateur d'innovation")}
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where people write for help, to report an accessibility problem or about their data.
SECRETARIAT_EMAIL = env_str("SECRETARIAT_EMAIL", "secretariat@example.org")
# The contact form: a form sent sooner than this after it was shown is a bot's; and how
# many messages one address (or account) may send in an hour.
CONTACT_FORM_MIN_SECONDS = env_int("CONTACT_FORM_MIN_SECONDS", 3)
CONTACT_MESSAGES_PER_HOUR = env_int("CONTACT_MESSAGES_PER_HOUR", 5)

OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 8)
OUTBOX_SWEEP_SECONDS = env_int("OUTBOX_SWEEP_SECONDS", 60)
# How long a queued row waits for its first task before the sweep sends another.
OUTBOX_SWEEP_GRACE_SECONDS = env_int("OUTBOX_SWEEP_GRACE_SECONDS", 30)
# Messages sent by one task over one connection, and requeued by one sweep at most.
OUTBOX_BATCH_SIZE = env_int("OUTBOX_BATCH_SIZE", 100)
OUTBOX_SWEEP_LIMIT = env_int("OUTBOX_SWEEP_LIMIT", 5000)
# A worker's lease on the rows it claimed to send: rows of a worker that died are sent
# again once it is over. It starts no send in the second half of its lease.
OUTBOX_CLAIM_SECONDS = env_int("OUTBOX_CLAIM_SECONDS", 120)
# The longest pause of the outbox while the mail server cannot be reached.
OUTBOX_PAUSE_MAX_SECONDS = env_int("OUTBOX_PAUSE_MAX_SECONDS", 600)
DASHBOARD_COUNTS_MAX_AGE = env_int("DASHBOARD_COUNTS_MAX_AGE", 60)  # seconds kept counts last

REDIS_URL = env_str("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
# Each task names itself (a move of its module does not strand queued ones) and bounds its
# time. All are idempotent (the outbox claims and marks each row, reminders are keyed, a
# match run is claimed once), so each acknowledges late: one lost with its worker runs again.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# socket_timeout: a Redis that accepts the connection but does not answer (paused,
# failing over, behind a dropped NAT entry) would otherwise hang a publish forever.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    "socket_connect_timeout": 2,
    "socket_timeout": 2,
}
# When Redis is down the web request must not hang: give up publishing quickly,
# the outbox sweep sends it later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
CELERY_BEAT_SCHEDULE = {
    # Reminders go out 24 hours and 1 hour before each session; every 5 minutes keeps
    # them on time, and the outbox keys keep each to one.
    "cohort-session-reminders": {
        "task": "cohorts.tasks.send_session_reminders",
        "schedule": 300.0,
    },
    "outbox-sweep": {
        "task": "incubator.tasks.sweep_outbox",
        "schedule": float(OUTBOX_SWEEP_SECONDS),
    },
    "challenge-draft-reminders": {
        "task": "challenges.tasks.send_draft_reminders",
        "schedule": 3600.0,
    },
    "solution-draft-reminders": {
        "task": "solutions.tasks.send_draft_reminders",
        "schedule": 3600.0,
    },
    "review-overdue-reminders": {
        "task": "reviews.tasks.send_overdue_reminders",
        "schedule": 3600.0,
    },
    # Follow-up surveys fall due 3, 6 and 12 months after a match; hourly is on time,
    # and the unique survey rows and outbox keys keep each to one.
    # Message emails (batched, at most one an hour per person, or a daily digest),
    # overdue milestones, check-in requests and meeting reminders; every 5 minutes keeps
    # them on time, and the outbox keys keep each to one.
    "incubation-mail": {
        "task": "incubation.tasks.send_incubation_mail",
        "schedule": 300.0,
    },
    "followup-surveys": {
        "task": "outcomes.tasks.create_followup_surveys",
        "schedule": 3600.0,
    },
    # Removes what the portal no longer keeps (mydata/services/retention.py); hourly
    # keeps each removal within an hour of its time.
    "retention": {
        "task": "mydata.tasks.apply_retention",
        "schedule": 3600.0,
    },
}

# "Download my data": how long a prepared copy can be downloaded before it is removed.
DATA_EXPORT_HOURS = env_int("DATA_EXPORT_HOURS", 48)
# Retention, in days: accounts never verified (after sign-up), invitations never accepted
# (after they expired), drafts left in a call (after its deadline).
RETENTION_UNVERIFIED_ACCOUNT_DAYS = env_int("RETENTION_UNVERIFIED_ACCOUNT_DAYS", 30)
RETENTION_INVITATION_DAYS = env_int("RETENTION_INVITATION_DAYS", 30)
RETENTION_DRAFT_DAYS = env_int("RETENTION_DRAFT_DAYS", 180)

CACHES = {
    "default": cache_from_env(REDIS_URL),
    # Rendered fragments that are the same for every reader of a language (a challenge's
    # card, the footer), in each process's memory: one Redis round trip per fragment
    # would cost more than rendering it. Keys name what they show and its updated time.
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
        "TIMEOUT": 600,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Uploads: the body of a request stops being read once its files pass UPLOAD_MAX_BYTES
# (the largest any form takes; each form checks its own limit), so a 60 MB file is
# refused at 20 MB. Form fields other than files may total DATA_UPLOAD_MAX_MEMORY_SIZE;
# a file above FILE_UPLOAD_MAX_MEMORY_SIZE waits on disk rather than in memory.
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_MB", 20) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_HANDLERS = [
    "incubator.upload_handlers.UploadLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Scripts, styles and images only from the portal itself: no inline script or style, no
# framing. The charts are inline SVG; a data: image is the only exception.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Browser features no page of the portal uses, refused to every page and what it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# `manage.py seed_demo` runs these in turn, each a module with a `seed()`; each builds on
# the ones before it (the core's round first, then the stages in the order they happen).
DEMO_SEEDERS = [
    "incubator.demo.seed",
    "challenges.demo.seed",
    "solutions.demo.seed",
    "reviews.demo.seed",
    "matching.demo.seed",
    "incubation.demo.seed",
    "cohorts.demo.seed",
    "outcomes.demo.seed",
    "library.demo.seed",
]

# The open-data API (library/api/).
from config.settings.open_data import *  # noqa: E402, F403
