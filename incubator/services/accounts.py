from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from incubator.access import is_secretariat
from incubator.models import Role, RoleGrant, User
from incubator.services.audit import audit_record


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
