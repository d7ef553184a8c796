"""Who may do what: role checks shared by views, the admin and templates."""

from functools import wraps

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from incubator.models import Role, User


def granted_roles(user: User) -> frozenset[str]:
    """The roles granted to the account, whether or not they count yet."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if not hasattr(user, "_portal_roles"):
        user._portal_roles = frozenset(user.role_grants.values_list("role", flat=True))
    return user._portal_roles


def roles_of(user: User) -> frozenset[str]:
    """The roles that count: the secretariat's only once the account has its second
    factor, so that a password alone never opens a team's files or a secretariat action."""
    roles = granted_roles(user)
    if Role.SECRETARIAT in roles and not has_second_factor(user):
        return roles - {Role.SECRETARIAT}
    return roles


def is_secretariat(user: User) -> bool:
    return Role.SECRETARIAT in roles_of(user)


def is_reviewer(user: User) -> bool:
    return Role.REVIEWER in roles_of(user)


def has_second_factor(user: User) -> bool:
    if not hasattr(user, "_portal_second_factor"):
        user._portal_second_factor = Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).exists()
    return user._portal_second_factor


def secretariat_gate(request):
    """None when the request may enter a secretariat page, else the response to send."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if Role.SECRETARIAT not in granted_roles(request.user):
        raise PermissionDenied(_("This page is for the programme secretariat."))
    if not has_second_factor(request.user):
        messages.warning(
            request,
            _(
                "Secretariat accounts must set up two-factor login before reaching "
                "secretariat pages. Set up an authenticator app to continue."
            ),
        )
        return redirect("mfa_activate_totp")
    return None


def secretariat_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return secretariat_gate(request) or view(request, *args, **kwargs)

    return wrapped
