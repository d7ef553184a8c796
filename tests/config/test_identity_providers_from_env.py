import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings.env import identity_providers_from_env


def test_each_listed_provider_is_read_with_its_name_and_mfa_claims(monkeypatch):
    for name, value in {
        "OIDC_PROVIDERS": "franceconnect, gov-pt",
        "OIDC_FRANCECONNECT_NAME": "FranceConnect",
        "OIDC_FRANCECONNECT_SERVER_URL": "https://fc.example/api/v2",
        "OIDC_FRANCECONNECT_CLIENT_ID": "fc-id",
        "OIDC_FRANCECONNECT_CLIENT_SECRET": "fc-secret",
        "OIDC_FRANCECONNECT_MFA_ACR": "eidas2,eidas3",
        "OIDC_GOV_PT_SERVER_URL": "https://autenticacao.gov.example",
        "OIDC_GOV_PT_CLIENT_ID": "pt-id",
        "OIDC_GOV_PT_CLIENT_SECRET": "pt-secret",
    }.items():
        monkeypatch.setenv(name, value)

    france, portugal = identity_providers_from_env()

    assert (france["provider_id"], france["name"], france["client_id"]) == (
        "franceconnect", "FranceConnect", "fc-id",
    )  # fmt: skip
    assert france["settings"]["server_url"] == "https://fc.example/api/v2"
    assert france["settings"]["mfa_acr"] == ["eidas2", "eidas3"]
    assert france["settings"]["mfa_amr"] == []
    assert portugal["name"] == "gov-pt"  # no display name given: its id
    assert portugal["settings"]["mfa_acr"] == portugal["settings"]["mfa_amr"] == []


def test_a_listed_provider_without_its_client_is_refused(monkeypatch):
    monkeypatch.setenv("OIDC_PROVIDERS", "gov")
    monkeypatch.setenv("OIDC_GOV_SERVER_URL", "https://id.gov.example")

    with pytest.raises(ImproperlyConfigured, match="OIDC_GOV_CLIENT_ID"):
        identity_providers_from_env()


def test_no_provider_by_default(monkeypatch):
    monkeypatch.delenv("OIDC_PROVIDERS", raising=False)

    assert identity_providers_from_env() == []
