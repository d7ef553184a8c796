"""Deleting an account: the person's own data is erased, what they did for a team stays
with the team under a pseudonym. Nothing here can be undone."""

import json
import re

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from challenges.models import Challenge
from cohorts.models import CalendarFeed, Registration, RegistrationStatus
from cohorts.services.registration import place_give_up
from incubation.models import MemberInbox
from incubator.models import (
    AuditEntry,
    ContactMessage,
    Invitation,
    MailOptOut,
    Membership,
    Notification,
    RoleGrant,
    User,
)
from incubator.services.audit import audit_record
from mydata.models import DataExport
from mydata.selectors.erasure import pseudonym_email, pseudonym_name, teams_left_without_anyone
from mydata.services.exports import exports_remove
from reviews.models import ReviewerProfile
from solutions.models import Solution

# A name shorter than this could be part of any word; only the address is replaced then.
NAME_MIN = 4


def blocker_lines(*, user: User) -> list[str]:
    """Why the account cannot be deleted yet, and what to do, one line per team."""
    return [
        ngettext(
            "You are the last member of %(team)s, which has %(count)d open submission. "
            "Invite a colleague to the team first, or withdraw the submission.",
            "You are the last member of %(team)s, which has %(count)d open submissions. "
            "Invite a colleague to the team first, or withdraw the submissions.",
            count,
        )
        % {"team": team.name, "count": count}
        for team, count in teams_left_without_anyone(user=user)
    ]


def _replacer(*, user: User):
    needles = [user.email]
    if len(user.display_name.strip()) >= NAME_MIN:
        needles.append(user.display_name.strip())
    pattern = re.compile("|".join(re.escape(n) for n in needles), re.IGNORECASE)
    email, name = pseudonym_email(user=user), pseudonym_name(user=user)
    return needles, lambda text: pattern.sub(
        lambda m: email if m.group(0).lower() == user.email.lower() else name, text
    )


def _copies_scrub(*, user: User) -> None:
    """Where the address or name was copied into text: emails to others ("… joined your
    team"), audit details, the admin's log, invitations."""
    needles, replace = _replacer(user=user)

    def having(*fields) -> Q:
        found = Q()
        for field in fields:
            for needle in needles:
                found |= Q(**{f"{field}__icontains": needle})
        return found

    for note in Notification.objects.filter(
        having("to_email", "subject", "body_text", "body_html")
    ):
        for field in ("to_email", "subject", "body_text", "body_html"):
            setattr(note, field, replace(getattr(note, field)))
        note.save(update_fields=["to_email", "subject", "body_text", "body_html"])
    for entry in AuditEntry.objects.filter(having("details")):
        entry.details = json.loads(replace(json.dumps(entry.details, ensure_ascii=False)))
        entry.save(update_fields=["details"])
    for log in LogEntry.objects.filter(having("object_repr", "change_message")):
        log.object_repr, log.change_message = replace(log.object_repr), replace(log.change_message)
        log.save(update_fields=["object_repr", "change_message"])
    Invitation.objects.filter(email__iexact=user.email).update(email=pseudonym_email(user=user))


def _places_give_up(*, user: User, now) -> None:
    """A place at a session still to come goes to the next person waiting."""
    for registration in Registration.objects.filter(user=user, session__starts_at__gt=now).exclude(
        status=RegistrationStatus.CANCELLED
    ):
        place_give_up(registration=registration, now=now)


def _own_rows_delete(*, user: User) -> int:
    Notification.objects.filter(Q(recipient=user) | Q(to_email__iexact=user.email)).delete()
    # Their messages to the secretariat were answered by email; the portal keeps no copy.
    ContactMessage.objects.filter(Q(sender=user) | Q(email__iexact=user.email)).delete()
    for model in (EmailAddress, Authenticator, RoleGrant, CalendarFeed, MemberInbox, MailOptOut):
        model.objects.filter(user=user).delete()
    ReviewerProfile.objects.filter(user=user).delete()
    if hasattr(user, "socialaccount_set"):
        user.socialaccount_set.all().delete()
    exports_remove(exports=DataExport.objects.filter(user=user))
    for model in (Challenge, Solution):
        model.contacts.through.objects.filter(user=user).delete()
    return Membership.objects.filter(user=user).delete()[0]


@transaction.atomic
def account_erase(*, user: User, by: User) -> User:
    """Erase the person's data and leave a pseudonym where their work stays: the teams'
    submissions, reviews, messages and the audit trail. Refused while a team they are
    the last member of has open submissions."""
    if by.pk != user.pk:
        raise PermissionDenied(_("Only the person themselves can delete their account."))
    user = User.objects.select_for_update().get(pk=user.pk)
    blockers = blocker_lines(user=user)
    if blockers:
        raise ValidationError(blockers)
    now = timezone.now()
    _places_give_up(user=user, now=now)
    _copies_scrub(user=user)
    teams_left = _own_rows_delete(user=user)
    user.email = pseudonym_email(user=user)
    user.display_name = pseudonym_name(user=user)
    user.is_active = False
    user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    audit_record(
        actor=user, action="account_erase", target=user, details={"teams_left": teams_left}
    )
    return user
