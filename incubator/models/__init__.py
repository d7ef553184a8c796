from incubator.models.accounts import Role, RoleGrant, User
from incubator.models.audit import AuditEntry
from incubator.models.organisations import Invitation, Membership, Organisation
from incubator.models.outbox import Notification
from incubator.models.programmes import Call, Programme, Theme

__all__ = [
    "AuditEntry",
    "Call",
    "Invitation",
    "Membership",
    "Notification",
    "Organisation",
    "Programme",
    "Role",
    "RoleGrant",
    "Theme",
    "User",
]
