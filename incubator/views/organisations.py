from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from incubator.forms.errors import NOT_DONE, form_act, form_errors_add
from incubator.forms.organisations import InvitationForm, OrganisationForm
from incubator.selectors.organisations import (
    invitation_from_token,
    organisation_for_member,
    organisation_with_people,
)
from incubator.services.organisations import (
    ORGANISATION_FIELDS,
    invitation_accept,
    invitation_send,
    organisation_create,
    organisation_update,
)
from incubator.views.confirmation import form_receiver


@login_required
def organisation_new(request):
    form = OrganisationForm(request.POST or None)
    organisation = form_act(request, form, partial(organisation_create, by=request.user))
    if organisation is not NOT_DONE:
        messages.success(request, _("Your team is registered. Invite your colleagues."))
        return redirect("incubator:organisation_detail", pk=organisation.pk)
    return render(request, "organisations/form.html", {"form": form, "organisation": None})


@login_required
def organisation_edit(request, pk):
    organisation = organisation_for_member(user=request.user, pk=pk)
    initial = {name: getattr(organisation, name) for name in ORGANISATION_FIELDS}
    initial["country"] = organisation.country.code
    form = OrganisationForm(request.POST or None, initial=initial)
    update = partial(organisation_update, organisation=organisation, by=request.user)
    if form_act(request, form, update) is not NOT_DONE:
        messages.success(request, _("The team's details are saved."))
        return redirect("incubator:organisation_detail", pk=organisation.pk)
    return render(request, "organisations/form.html", {"form": form, "organisation": organisation})


@login_required
def organisation_detail(request, pk):
    organisation = organisation_for_member(user=request.user, pk=pk)
    return _detail(request, organisation, InvitationForm())


@login_required
@form_receiver("incubator:organisation_detail", pk="pk")
def invitation_new(request, pk):
    organisation = organisation_for_member(user=request.user, pk=pk)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = invitation_send(
                organisation=organisation, email=form.cleaned_data["email"], by=request.user
            )
        except ValidationError as error:
            form_errors_add(form, error)
        else:
            messages.success(
                request,
                _("An invitation is on its way to %(email)s.") % {"email": invitation.email},
            )
            return redirect("incubator:organisation_detail", pk=organisation.pk)
    return _detail(request, organisation, form, status=400)


def _detail(request, organisation, invitation_form, status=200):
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation_with_people(organisation=organisation),
            "invitation_form": invitation_form,
        },
        status=status,
    )


def invitation_accept_view(request, token):
    invitation = invitation_from_token(token=token)
    if invitation is None:
        raise Http404(_("This invitation link is not valid. Check that you copied all of it."))
    problem = None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{request.path}")
        try:
            invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as error:
            problem = error.messages[0]
        else:
            messages.success(
                request,
                _("You are now a member of %(team)s.") % {"team": invitation.organisation.name},
            )
            return redirect("incubator:organisation_detail", pk=invitation.organisation.pk)
    elif invitation.accepted_at is not None:
        problem = _("This invitation has already been used.")
    elif invitation.is_expired:
        problem = _("This invitation has expired. Ask the team to send you a new one.")
    return render(
        request,
        "organisations/invitation.html",
        {"invitation": invitation, "problem": problem},
        status=400 if problem and request.method == "POST" else 200,
    )
