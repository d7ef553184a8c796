"""Which emails a person may choose not to receive. Each email's kind is the name of its
template (``<app>/templates/emails/<kind>/``); a kind not named here carries a decision,
a security notice or something the person must act on, and is always sent. A test
checks that every kind of email on disk is listed here one way or the other."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from incubator.models.mail import MailChoice

OPTIONAL_KINDS: dict[str, str] = {
    "challenge_draft_reminder": MailChoice.REMINDERS,
    "solution_draft_reminder": MailChoice.REMINDERS,
    "review_overdue": MailChoice.REMINDERS,
    "session_reminder": MailChoice.REMINDERS,
    "meeting_reminder": MailChoice.REMINDERS,
    "milestone_overdue": MailChoice.REMINDERS,
    "incubation_messages": MailChoice.DIGESTS,
    "milestone_done": MailChoice.NEWS,
    "plan_changed": MailChoice.NEWS,
    "checkin_answered": MailChoice.NEWS,
    "incubation_team_joined": MailChoice.NEWS,
    "invitation_accepted": MailChoice.NEWS,
}

ALWAYS_SENT_KINDS: frozenset[str] = frozenset(
    {
        "challenge_declined",
        "challenge_selected",
        "challenge_submitted",
        "solution_declined",
        "solution_selected",
        "solution_submitted",
        "session_cancelled",
        "session_promoted",
        "session_rescheduled",
        "checkin_request",
        "incubation_mentor",
        "incubation_opened",
        "incubation_state",
        "meeting_cancelled",
        "meeting_invitation",
        "meeting_proposed",
        "invitation",
        "match_introduction",
        "followup_survey",
        "review_assigned",
        "contact_received",
        "contact_answer",
        "sign_in_failures",
    }
)

# Account emails (address confirmation, password reset, security notices) carry a
# secret or a security event: always sent, and not shown again in the portal.
ACCOUNT_KIND_PREFIX = "account/"
UNSUBSCRIBE_SALT = "incubator.unsubscribe"


def choice_of(kind: str) -> str | None:
    """The choice a person has about emails of this kind; None when always sent."""
    return OPTIONAL_KINDS.get(kind)


def carries_a_secret(kind: str) -> bool:
    return kind.startswith(ACCOUNT_KIND_PREFIX)


def unsubscribe_token(*, user_id: int, choice: str) -> str:
    """Signed with the secret key, so a link cannot be made for somebody else, and
    without a date, so the link in an old email still works."""
    return signing.dumps({"user": user_id, "choice": choice}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(*, user_id: int, choice: str) -> str:
    token = unsubscribe_token(user_id=user_id, choice=choice)
    return settings.SITE_URL + reverse("incubator:unsubscribe", kwargs={"token": token})


def unsubscribe_read(token: str) -> tuple[int, str] | None:
    """(person's id, choice) of a genuine link, else None."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("choice") not in MailChoice.values:
        return None
    user_id = data.get("user")
    return (user_id, data["choice"]) if isinstance(user_id, int) else None
