"""What every page of a workspace does first: find the incubation and the viewer's
standing in it through the access policy (404 for anyone who stands nowhere; the
secretariat's second factor for the secretariat), and give its templates what they
share."""

from functools import wraps

from django.http import Http404
from django.shortcuts import render

from incubation.access import Standing, member_team_ids, standing_of
from incubation.selectors.workspace import incubation_by_pk, teams_of
from incubator.access import granted_roles, is_secretariat, secretariat_gate
from incubator.models import Role
from incubator.views.confirmation import ConfirmedAction


def not_found(request):
    """404 for whoever may not see the page, whether or not it exists; a visitor who is
    not signed in is offered to sign in and come back."""
    return render(
        request,
        "incubation/not_found.html",
        {"login_next": request.get_full_path() if not request.user.is_authenticated else ""},
        status=404,
    )


def workspace_view(view):
    """The view gets ``(request, incubation, ...)``; ``request.standing`` says how the
    viewer stands in it and ``request.my_teams`` which of its teams are theirs."""

    @wraps(view)
    def wrapped(request, pk, *args, **kwargs):
        if not request.user.is_authenticated:
            return not_found(request)
        incubation = incubation_by_pk(pk=pk)
        standing = standing_of(request.user, incubation)
        if standing is None:
            # The secretariat's role counts once it has its second factor: ask for it.
            gate = (
                secretariat_gate(request)
                if Role.SECRETARIAT in granted_roles(request.user)
                else None
            )
            if gate is None:
                raise Http404
            return gate
        request.standing = standing
        mine = member_team_ids(request.user, incubation)
        request.my_teams = [team for team in teams_of(incubation) if team.pk in mine]
        return view(request, incubation, *args, **kwargs)

    return wrapped


def members_only(view):
    """Inside ``workspace_view``: a page only the teams' members use (a form to change
    the work); 404 for the mentor and the secretariat, who read but do not do it."""

    @wraps(view)
    def wrapped(request, incubation, *args, **kwargs):
        if request.standing != Standing.MEMBER:
            raise Http404
        return view(request, incubation, *args, **kwargs)

    return wrapped


def secretariat_only(view):
    """A page of the secretariat's: 404 for everyone else, as for the incubations it is
    about; the secretariat's second factor first."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return not_found(request)
        if Role.SECRETARIAT not in granted_roles(request.user):
            raise Http404
        return secretariat_gate(request) or view(request, *args, **kwargs)

    return wrapped


def page(request, incubation, template: str, context: dict, *, section: str, status=200):
    form = context.get("form")
    return render(
        request,
        template,
        {
            "incubation": incubation,
            "teams": teams_of(incubation),
            "my_teams": request.my_teams,
            "standing": request.standing,
            "is_member": request.standing == Standing.MEMBER,
            "is_secretariat": is_secretariat(request.user),
            "can_write": request.standing == Standing.MEMBER and incubation.is_open,
            "section": section,
            **context,
        },
        status=400 if status == 200 and form is not None and form.errors else status,
    )


class WorkspaceAction(ConfirmedAction):
    """A ``ConfirmedAction`` of a workspace, behind the same gates as its pages:
    ``workspace_view`` first, then ``only`` (``members_only``, ``secretariat_only``).
    ``self.incubation`` is set before ``found`` reads the objects the action is about."""

    only = staticmethod(lambda view: view)

    def found(self, **kwargs) -> None:
        """Read the objects of the address (404 for anything not in the incubation)."""

    def dispatch(self, request, *args, **kwargs):
        def inside(request, incubation, **rest):
            self.incubation = incubation
            self.found(**rest)
            return super(WorkspaceAction, self).dispatch(request, *args, **kwargs)

        return workspace_view(self.only(inside))(request, **kwargs)
