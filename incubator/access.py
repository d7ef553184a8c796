"""Who may do what: role checks shared by views, services, the admin and templates.

The secretariat role counts only once its second factor is verified in this session: the
person signed in with their authenticator's code (or a recovery code), confirmed one since,
or has just set the authenticator up. ``second_factor_note`` writes that onto the
request's user (``SecondFactorMiddleware``, and again at sign-in), so that a service
handed the actor, with no request, asks the same question. A user object that no request
marked (a command, a task, a shell) counts the authenticator it has: whoever runs those
already holds the server."""

from functools import wraps
from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from incubator.models import Organisation, Role, User


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


def team_ids_of(user: User) -> frozenset[int]:
    """The teams the person is a member of, read once per request's user."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if not hasattr(user, "_portal_team_ids"):
        user._portal_team_ids = frozenset(user.memberships.values_list("organisation", flat=True))
    return user._portal_team_ids


def teams_of(user: User):
    """The person's teams, as a queryset to filter by."""
    return Organisation.objects.filter(pk__in=team_ids_of(user))


def is_team_member(user: User, organisation: Organisation | None) -> bool:
    """Whether the person works for the team: the one rule of "our team's things"."""
    return organisation is not None and organisation.pk in team_ids_of(user)


def has_authenticator(user: User) -> bool:
    """Whether the account has set up its authenticator app."""
    if not hasattr(user, "_portal_authenticator"):
        user._portal_authenticator = Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).exists()
    return user._portal_authenticator


def has_second_factor(user: User) -> bool:
    """Whether the second factor counts: verified in the session of a request's user,
    or, for a user no request marked, set up at all."""
    if not hasattr(user, "_portal_second_factor"):
        return has_authenticator(user)
    return user._portal_second_factor


def second_factor_verified(request, user: User) -> bool:
    """allauth keeps a record of each way this session was authenticated."""
    records = get_authentication_records(request, user)
    return any(record.get("method") == "mfa" for record in records)


def second_factor_note(request) -> None:
    user = request.user
    if user.is_authenticated:
        user._portal_second_factor = second_factor_verified(request, user)


def second_factor_at_sign_in(*, request, user, **kwargs) -> None:
    if request is not None:
        user._portal_second_factor = second_factor_verified(request, user)


def second_factor_added(*, request, user, authenticator, **kwargs) -> None:
    """Setting up the authenticator took a code from it: this session has verified it."""
    if request is not None and authenticator.type == Authenticator.Type.TOTP:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
        user._portal_second_factor = True
        user.__dict__.pop("_portal_authenticator", None)


def secretariat_gate(request):
    """None when the request may enter a secretariat page, else the response to send."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if Role.SECRETARIAT not in granted_roles(request.user):
        raise PermissionDenied(_("This page is for the programme secretariat."))
    if has_second_factor(request.user):
        return None
    if has_authenticator(request.user):
        messages.warning(
            request,
            _(
                "Secretariat pages need the code of your authenticator app in this "
                "session. Enter it to continue."
            ),
        )
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
    messages.warning(
        request,
        _(
            "Secretariat accounts must set up two-factor login before reaching "
            "secretariat pages. Set up an authenticator app to continue."
        ),
    )
    return redirect("mfa_activate_totp")


def secretariat_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return secretariat_gate(request) or view(request, *args, **kwargs)

    return wrapped
