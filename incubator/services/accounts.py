from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incubator.access import is_secretariat
from incubator.models import AuditEntry, Role, RoleGrant, User
from incubator.selectors.accounts import secretariat_members
from incubator.services.audit import audit_record
from incubator.services.outbox import Outgoing, notifications_queue

SIGN_IN_FAILURES_TOLD = "account.sign_in_failures_told"


@transaction.atomic
def profile_update(*, user: User, display_name: str, time_zone: str, language: str) -> User:
    user.display_name = display_name
    user.time_zone = time_zone
    user.language = language
    user.full_clean(exclude=["password"])
    user.save(update_fields=["display_name", "time_zone", "language"])
    audit_record(actor=user, action="profile.updated", target=user)
    return user


@transaction.atomic
def language_set(*, user: User, language: str) -> User:
    user.language = language
    user.save(update_fields=["language"])
    return user


@transaction.atomic
def role_grant(*, user: User, role: str, by: User) -> RoleGrant:
    """Only the secretariat grants roles, and nobody grants one to themselves."""
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat grants roles."))
    if user.pk == by.pk:
        raise PermissionDenied(_("Nobody can grant a role to themselves."))
    if role not in Role.values:
        raise ValidationError(_("Unknown role."))
    grant, created = RoleGrant.objects.get_or_create(
        user=user, role=role, defaults={"granted_by": by}
    )
    if created:
        audit_record(actor=by, action="role.granted", target=user, details={"role": role})
    return grant


@transaction.atomic
def role_revoke(*, user: User, role: str, by: User) -> None:
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat revokes roles."))
    if user.pk == by.pk:
        raise PermissionDenied(_("Ask another member of the secretariat to change your roles."))
    deleted, _count = RoleGrant.objects.filter(user=user, role=role).delete()
    if deleted:
        audit_record(actor=by, action="role.revoked", target=user, details={"role": role})


@transaction.atomic
def account_create_verified(
    *,
    email: str,
    password: str,
    display_name: str = "",
    time_zone: str = "UTC",
    language: str = "en",
    roles: tuple[str, ...] = (),
) -> User:
    """An account whose email is already known to be right: the first secretariat
    account from the command line, and demo accounts. Roles here bypass the grant
    rule because there is no secretariat yet to grant them."""
    user = User.objects.create_user(
        email=email,
        password=password,
        display_name=display_name,
        time_zone=time_zone,
        language=language,
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    for role in roles:
        RoleGrant.objects.create(user=user, role=role)
    audit_record(actor=None, action="account.created", target=user, details={"roles": roles})
    return user


@transaction.atomic
def sign_in_failures_tell(*, email: str, failures: int) -> bool:
    """Every secretariat member is told that one account is failing to sign in often
    (from any address): at most once an hour per account. Returns whether they were."""
    account = User.objects.select_for_update().filter(email__iexact=email).first()
    if account is None:
        return False
    since = timezone.now() - timedelta(seconds=settings.SIGN_IN_ALERT["within"])
    if AuditEntry.objects.filter(
        action=SIGN_IN_FAILURES_TOLD,
        target_type=ContentType.objects.get_for_model(User),
        target_id=str(account.pk),
        created_at__gte=since,
    ).exists():
        return False
    entry = audit_record(
        actor=None, action=SIGN_IN_FAILURES_TOLD, target=account, details={"failures": failures}
    )
    within = settings.SIGN_IN_ALERT["within"] // 60
    context = {"account": account, "failures": failures, "minutes": within}
    notifications_queue(
        messages=[
            Outgoing(
                f"sign-in-failures:{entry.pk}:{member.pk}", "sign_in_failures", context, member
            )
            for member in secretariat_members()
        ]
    )
    return True
