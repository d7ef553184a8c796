from oauth2_provider.oauth2_validators import OAuth2Validator


class ClaimsValidator(OAuth2Validator):
    """The claims a government provider sends: the address (verified unless the person is
    in the group "unverified"), the name, and for the group "mfa" the amr and acr of a
    sign-in with more than one factor."""

    oidc_claim_scope = None  # every claim, whatever the scopes asked

    def get_additional_claims(self, request):
        user = request.user
        groups = set(user.groups.values_list("name", flat=True))
        claims = {
            "email": user.email,
            "email_verified": "unverified" not in groups,
            "name": user.get_full_name(),
        }
        if "mfa" in groups:
            claims.update(amr=["pwd", "otp"], acr="substantial")
        else:
            claims.update(amr=["pwd"], acr="low")
        return claims
