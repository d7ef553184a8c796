"""What cohort members share with each other: resources (a link or a file) and
opportunities on the board until their date, in the name of their own team or, for the
secretariat, of no team."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.access import may_remove_opportunity, may_remove_resource
from cohorts.models import Cohort, Opportunity, Resource
from cohorts.scheduling import end_of_day
from cohorts.selectors import member_teams
from cohorts.services.common import MAX_FILE_BYTES, require_secretariat
from incubator.models import Organisation, User
from incubator.services.audit import audit_record
from incubator.uploads import validate_upload

# An opportunity stays on the board at most this long.
OPPORTUNITY_HORIZON = timedelta(days=5 * 366)


def _sharing_team(cohort: Cohort, by: User, organisation: Organisation | None):
    """The team a member shares in the name of, checked; None for the secretariat."""
    if organisation is None:
        require_secretariat(by=by)
        return None
    if not member_teams(user=by, cohort=cohort).filter(pk=organisation.pk).exists():
        raise PermissionDenied(_("You can only share in the name of your own enrolled team."))
    return organisation


# Resources -------------------------------------------------------------------------------


@transaction.atomic
def resource_share(
    *,
    cohort: Cohort,
    by: User,
    title: str,
    description: str,
    themes,
    organisation: Organisation | None = None,
    url: str = "",
    upload=None,
) -> Resource:
    organisation = _sharing_team(cohort, by, organisation)
    if bool(url) == (upload is not None):
        raise ValidationError(_("Share either a link or a file."))
    resource = Resource(
        cohort=cohort,
        title=title,
        description=description,
        url=url,
        organisation=organisation,
        shared_by=by,
    )
    if upload is not None:
        try:
            resource.file_kind = validate_upload(upload, max_bytes=MAX_FILE_BYTES)
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from error
        resource.original_name = upload.name[:255]
        resource.size = upload.size
    # Checked before the file is stored, so a refused resource leaves no file behind.
    resource.full_clean(exclude=["file"], validate_constraints=False)
    if upload is not None:
        resource.file.save(upload.name, upload, save=False)
    resource.save()
    resource.themes.set(themes)
    audit_record(actor=by, action="resource.shared", target=resource)
    return resource


@transaction.atomic
def resource_remove(*, resource: Resource, by: User) -> None:
    """The person who shared it, a member of the team it was shared for, or the secretariat."""
    if not may_remove_resource(by, resource):
        raise PermissionDenied(_("Only the team that shared it or the secretariat can remove it."))
    audit_record(
        actor=by,
        action="resource.removed",
        target=resource.cohort,
        details={"title": resource.title},
    )
    if resource.file:
        resource.file.delete(save=False)
    resource.delete()


# Opportunities ---------------------------------------------------------------------------


def _check_expiry(expires_on, *, organisation: Organisation, now) -> None:
    """A date from today to five years on, today as the posting team's clock says."""
    today = now.astimezone(ZoneInfo(organisation.time_zone)).date()
    if expires_on > today + OPPORTUNITY_HORIZON:
        raise ValidationError({"expires_on": _("Choose a date within the next five years.")})
    if expires_on < today:
        raise ValidationError(
            {
                "expires_on": _(
                    "This date has passed (today is %(today)s in %(zone)s). Choose today or "
                    "a later date."
                )
                % {"today": today.isoformat(), "zone": organisation.time_zone}
            }
        )


@transaction.atomic
def opportunity_post(
    *,
    cohort: Cohort,
    organisation: Organisation,
    by: User,
    kind: str,
    title: str,
    description: str,
    url: str,
    expires_on,
    now=None,
) -> Opportunity:
    """Post an opportunity until a date; it leaves the board when that day is over in the
    posting team's time zone."""
    organisation = _sharing_team(cohort, by, organisation)
    _check_expiry(expires_on, organisation=organisation, now=now or timezone.now())
    opportunity = Opportunity(
        cohort=cohort,
        organisation=organisation,
        posted_by=by,
        kind=kind,
        title=title,
        description=description,
        url=url,
        expires_on=expires_on,
        time_zone=organisation.time_zone,
        expires_at=end_of_day(expires_on, organisation.time_zone),
    )
    opportunity.full_clean()
    opportunity.save()
    audit_record(actor=by, action="opportunity.posted", target=opportunity)
    return opportunity


@transaction.atomic
def opportunity_remove(*, opportunity: Opportunity, by: User) -> None:
    if not may_remove_opportunity(by, opportunity):
        raise PermissionDenied(_("Only the team that posted it or the secretariat can remove it."))
    audit_record(
        actor=by,
        action="opportunity.removed",
        target=opportunity.cohort,
        details={"title": opportunity.title},
    )
    opportunity.delete()
