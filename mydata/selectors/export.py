"""Everything the portal holds about one person, section by section, for "Download my
data". Each section reads only rows about that person, or rows they wrote; another
person's address or name never comes along (an invitation they sent says the team, not
whom it was sent to)."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db.models import Q

from challenges.models import Challenge
from cohorts.models import CalendarFeed, Feedback, Registration
from incubation.models import MemberInbox, Message, SlotAnswer
from incubator.models import (
    AuditEntry,
    ContactMessage,
    Invitation,
    MailOptOut,
    Membership,
    Notification,
    TermsAcceptance,
    User,
)
from mydata.masking import secret_links_masked
from mydata.selectors.records import as_record
from outcomes.models import ShowcaseConsent
from reviews.models import Assignment, Conflict, ReviewerProfile
from solutions.models import Solution


def account(user: User) -> dict:
    return {
        "person": as_record(user, leave_out=("is_superuser",)),
        "roles": sorted(user.role_grants.values_list("role", flat=True)),
        "email_addresses": list(
            EmailAddress.objects.filter(user=user).values("email", "verified", "primary")
        ),
        "second_factors": sorted(
            Authenticator.objects.filter(user=user).values_list("type", flat=True)
        ),
        "calendar_feeds": list(
            CalendarFeed.objects.filter(user=user).values("created_at", "revoked_at")
        ),
        "signed_in_with": _identity_providers(user),
    }


def _identity_providers(user: User) -> list[dict]:
    if not hasattr(user, "socialaccount_set"):
        return []
    return list(user.socialaccount_set.values("provider", "uid", "last_login", "date_joined"))


def teams(user: User) -> dict:
    memberships = Membership.objects.filter(user=user).select_related("organisation")
    return {
        "memberships": [
            {"team": as_record(m.organisation), "joined_at": m.joined_at} for m in memberships
        ],
        "invitations_received": [
            {"team": i.organisation.name, "created_at": i.created_at, "accepted_at": i.accepted_at}
            for i in Invitation.objects.filter(
                Q(email__iexact=user.email) | Q(accepted_by=user)
            ).select_related("organisation")
        ],
        "invitations_sent": list(
            Invitation.objects.filter(invited_by=user).values(
                "organisation__name", "created_at", "expires_at", "accepted_at"
            )
        ),
    }


def submissions(user: User) -> dict:
    mine = Q(created_by=user) | Q(contacts=user)
    return {
        "challenges": [
            as_record(c, leave_out=("search_vector",))
            for c in Challenge.objects.filter(mine).distinct().order_by("pk")
        ],
        "solution_proposals": [
            as_record(s) for s in Solution.objects.filter(mine).distinct().order_by("pk")
        ],
    }


def reviews(user: User) -> dict:
    profile = ReviewerProfile.objects.filter(user=user).first()
    return {
        "reviewer_profile": as_record(profile) if profile else None,
        "reviews": [
            {
                "assignment": as_record(a, leave_out=("assigned_by",)),
                "scores": [as_record(s) for s in a.scores.all()],
            }
            for a in Assignment.objects.filter(reviewer=user).prefetch_related("scores")
        ],
        "conflicts_declared": [as_record(c) for c in Conflict.objects.filter(reviewer=user)],
    }


def registrations(user: User) -> dict:
    return {
        "session_registrations": [
            {**as_record(r), "session": r.session.title}
            for r in Registration.objects.filter(user=user).select_related("session")
        ],
        "session_feedback": [as_record(f) for f in Feedback.objects.filter(user=user)],
    }


def messages(user: User) -> dict:
    return {
        "incubation_messages": [
            as_record(m, leave_out=("pinned_by",)) for m in Message.objects.filter(author=user)
        ],
        "incubation_email_choices": [as_record(i) for i in MemberInbox.objects.filter(user=user)],
        "meeting_slot_answers": [as_record(a) for a in SlotAnswer.objects.filter(user=user)],
        "messages_to_the_secretariat": [
            as_record(c, leave_out=("answered_by",))
            for c in ContactMessage.objects.filter(Q(sender=user) | Q(email__iexact=user.email))
        ],
    }


def consents(user: User) -> dict:
    return {
        "showcase_consents_given_or_changed": [
            {**as_record(c), "team": c.organisation.name}
            for c in ShowcaseConsent.objects.filter(changed_by=user).select_related("organisation")
        ],
        "terms_of_participation_accepted": [
            as_record(t) for t in TermsAcceptance.objects.filter(user=user)
        ],
        "emails_refused": [as_record(o) for o in MailOptOut.objects.filter(user=user)],
    }


def emails(user: User) -> dict:
    sent_to_them = Notification.objects.filter(Q(recipient=user) | Q(to_email__iexact=user.email))
    return {
        "emails": [
            {
                "subject": n.subject,
                "body": secret_links_masked(n.body_text),
                "status": n.status,
                "queued_at": n.created_at,
                "sent_at": n.sent_at,
            }
            for n in sent_to_them.order_by("created_at", "pk")
        ],
    }


def actions(user: User) -> dict:
    # What they did, not the details: those can name the other people concerned.
    return {
        "recorded_actions": [
            {
                "action": entry.action,
                "on": entry.target_type.model,
                "record": entry.target_id,
                "at": entry.created_at,
            }
            for entry in AuditEntry.objects.filter(actor=user).select_related("target_type")
        ],
    }


# In the order they are built: each step moves the progress bar on.
SECTIONS = (
    account,
    teams,
    submissions,
    reviews,
    registrations,
    messages,
    consents,
    emails,
    actions,
)
