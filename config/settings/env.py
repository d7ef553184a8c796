"""Reading settings from the environment, with the embedded defaults in one place."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from error


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# A server listening on every address is reached on this machine at the loopback one.
WILDCARD_HOSTS = {"0.0.0.0", "::", "[::]"}


def site_url_from_env() -> str:
    """The public address used in emails and calendar files: SITE_URL when set, else
    where ``scripts/start`` runs the embedded portal (HOST and PORT, as it reads them)."""
    explicit = os.environ.get("SITE_URL", "")
    if explicit:
        return explicit.rstrip("/")
    host = env_str("HOST", "") or "127.0.0.1"
    if host in WILDCARD_HOSTS:
        host = "127.0.0.1"
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{env_int('PORT', 8000)}"


def cache_from_env(redis_url: str) -> dict:
    """The default cache: on Redis when there is one, failing soft to memory when it is
    down (incubator/cache.py), so sign-in and its rate limits never answer 500."""
    if not redis_url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    return {
        "BACKEND": "incubator.cache.FailSoftRedisCache",
        "LOCATION": redis_url,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }


EMAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}


def mailers_from_env(*, default_backend: str, base_dir: Path) -> dict:
    """The MAILERS setting. EMAIL_BACKEND names smtp, console, file, locmem or a dotted path."""
    backend = env_str("EMAIL_BACKEND", default_backend)
    options = {
        "smtp": {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 25),
            "username": env_str("EMAIL_HOST_USER", ""),
            "password": env_str("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "timeout": env_int("EMAIL_TIMEOUT", 30),
        },
        "file": {"file_path": env_str("EMAIL_FILE_PATH", str(base_dir / "sent-mail"))},
    }.get(backend, {})
    return {"default": {"BACKEND": EMAIL_BACKENDS.get(backend, backend), "OPTIONS": options}}


def identity_providers_from_env() -> list[dict]:
    """The government identity providers people may sign in with (OpenID Connect), as
    allauth's provider apps. OIDC_PROVIDERS lists their ids; each id's settings are
    OIDC_<ID>_NAME (shown on the button), _SERVER_URL (the issuer), _CLIENT_ID,
    _CLIENT_SECRET, and _MFA_AMR / _MFA_ACR: the amr or acr values by which the provider
    says the person used more than one factor (empty: its sign-in never counts as the
    portal's second factor)."""
    apps = []
    for provider_id in env_list("OIDC_PROVIDERS"):
        prefix = "OIDC_" + provider_id.upper().replace("-", "_") + "_"
        apps.append(
            {
                "provider_id": provider_id,
                "name": env_str(prefix + "NAME", provider_id),
                "client_id": env_str(prefix + "CLIENT_ID"),
                "secret": env_str(prefix + "CLIENT_SECRET"),
                "settings": {
                    "server_url": env_str(prefix + "SERVER_URL"),
                    "oauth_pkce_enabled": True,
                    # A verified address from the provider signs in the account that has it.
                    "email_authentication": True,
                    "mfa_amr": env_list(prefix + "MFA_AMR"),
                    "mfa_acr": env_list(prefix + "MFA_ACR"),
                },
            }
        )
    return apps
