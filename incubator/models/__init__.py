from incubator.models.accounts import Role, RoleGrant, User
from incubator.models.audit import AuditEntry
from incubator.models.contact import ContactMessage, ContactState
from incubator.models.mail import MailChoice, MailOptOut
from incubator.models.organisations import Invitation, Membership, Organisation
from incubator.models.outbox import Notification
from incubator.models.pages import PageSlug, PageVersion, TermsAcceptance
from incubator.models.programmes import Call, Programme, Theme

__all__ = [
    "AuditEntry",
    "Call",
    "ContactMessage",
    "ContactState",
    "Invitation",
    "MailChoice",
    "MailOptOut",
    "Membership",
    "Notification",
    "Organisation",
    "PageSlug",
    "PageVersion",
    "Programme",
    "Role",
    "RoleGrant",
    "TermsAcceptance",
    "Theme",
    "User",
]
