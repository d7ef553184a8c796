"""The secretariat publishes a new version of a page of the footer; the terms of
participation are accepted, version by version."""

from django.db import transaction
from django.db.models import Max

from incubator.models import PageVersion, TermsAcceptance, User
from incubator.pages import BUILT_IN_VERSION, page_clean
from incubator.services.audit import audit_record


@transaction.atomic
def page_publish(
    *, page: str, title: str, title_fr: str, body: str, body_fr: str, by: User
) -> PageVersion:
    """A new version, its text cleaned of anything but the markup of a page."""
    # Locks the page's versions, so two editors saving at once get two numbers.
    latest = (
        PageVersion.objects.select_for_update()
        .filter(page=page)
        .aggregate(number=Max("number"))["number"]
    )
    version = PageVersion.objects.create(
        page=page,
        number=(latest or BUILT_IN_VERSION) + 1,
        title=title.strip(),
        title_fr=title_fr.strip(),
        body=page_clean(body),
        body_fr=page_clean(body_fr),
        edited_by=by,
    )
    audit_record(actor=by, action="page.published", target=version, details={"page": page})
    return version


@transaction.atomic
def terms_accept(*, user: User, version: int) -> TermsAcceptance:
    acceptance, created = TermsAcceptance.objects.get_or_create(user=user, version=version)
    if created:
        audit_record(
            actor=user, action="terms.accepted", target=acceptance, details={"version": version}
        )
    return acceptance
