from datetime import timedelta

from allauth.account.models import EmailAddress
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from incubator.models import Invitation, Membership, Organisation, User
from incubator.services.audit import audit_record
from incubator.services.outbox import notification_queue

INVITATION_LIFETIME = timedelta(days=14)
INVITATION_SALT = "incubator.invitation"

ORGANISATION_FIELDS = (
    "name",
    "country",
    "level",
    "languages",
    "time_zone",
    "website",
    "description",
)


@transaction.atomic
def organisation_create(*, by: User, **fields) -> Organisation:
    """A person registers their government team and becomes its first member."""
    organisation = Organisation(**{name: fields[name] for name in ORGANISATION_FIELDS})
    organisation.full_clean()
    organisation.save()
    Membership.objects.create(organisation=organisation, user=by)
    by.__dict__.pop("_portal_team_ids", None)  # the person's teams, read before, grew
    audit_record(actor=by, action="organisation.created", target=organisation)
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, by: User, **fields) -> Organisation:
    changed = [name for name in ORGANISATION_FIELDS if getattr(organisation, name) != fields[name]]
    for name in changed:
        setattr(organisation, name, fields[name])
    organisation.full_clean()
    organisation.save()
    audit_record(
        actor=by, action="organisation.updated", target=organisation, details={"fields": changed}
    )
    return organisation


def invitation_token(*, invitation: Invitation) -> str:
    return signing.dumps(invitation.pk, salt=INVITATION_SALT)


@transaction.atomic
def invitation_send(*, organisation: Organisation, email: str, by: User) -> Invitation:
    email = email.strip().lower()
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError(
            {"email": _("%(email)s is already a member of this team.") % {"email": email}}
        )
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        invited_by=by,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    audit_record(actor=by, action="invitation.sent", target=organisation, details={"email": email})
    token = invitation_token(invitation=invitation)
    link = reverse("incubator:invitation_accept", kwargs={"token": token})
    notification_queue(
        key=f"invitation-sent:{invitation.pk}",
        template="invitation",
        context={"invitation": invitation, "inviter": by, "link": link},
        recipient=User.objects.filter(email__iexact=email).first(),
        to_email=email,
        secrets=(token,),
        secret_lifetime=INVITATION_LIFETIME,
    )
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """Join a team through an invitation: once, before it expires, with the address
    it was sent to."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."))
    if invitation.is_expired:
        raise ValidationError(_("This invitation has expired. Ask the team to send you a new one."))
    verified = EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists()
    if not verified:
        raise ValidationError(
            _("This invitation was sent to %(email)s. Sign in with that address to accept it.")
            % {"email": invitation.email}
        )
    membership, _created = Membership.objects.get_or_create(
        organisation=invitation.organisation, user=user
    )
    user.__dict__.pop("_portal_team_ids", None)  # the person's teams, read before, grew
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit_record(actor=user, action="invitation.accepted", target=invitation.organisation)
    if invitation.invited_by is not None:
        notification_queue(
            key=f"invitation-accepted:{invitation.pk}",
            template="invitation_accepted",
            context={"invitation": invitation, "member": user},
            recipient=invitation.invited_by,
        )
    return membership
