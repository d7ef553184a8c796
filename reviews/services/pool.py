"""The reviewer pool: what the secretariat records of each reviewer, for fit and for
conflicts of interest."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from incubator.access import roles_of
from incubator.models import Organisation, Role, User
from incubator.services.audit import audit_record
from reviews.access import secretariat_require
from reviews.models import ReviewerProfile


@transaction.atomic
def reviewer_profile_save(
    *,
    reviewer: User,
    by: User,
    themes,
    languages: list[str],
    country: str,
    organisation: Organisation | None,
) -> ReviewerProfile:
    secretariat_require(by=by)
    if Role.REVIEWER not in roles_of(reviewer):
        raise ValidationError(_("Grant the reviewer role first: only reviewers have a profile."))
    profile, _created = ReviewerProfile.objects.get_or_create(user=reviewer)
    profile.languages = list(languages)
    profile.country = country
    profile.organisation = organisation
    profile.full_clean()
    profile.save()
    profile.themes.set(themes)
    audit_record(
        actor=by,
        action="review.profile_saved",
        target=reviewer,
        details={
            "themes": [theme.name for theme in themes],
            "languages": list(languages),
            "country": country,
            "organisation": str(organisation) if organisation else "",
        },
    )
    return profile
