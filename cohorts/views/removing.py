"""Removing what cannot be put back: a shared resource, an opportunity on the board, a
team from a cohort. Each goes through a confirmation page that says what will go."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from cohorts.selectors import (
    cohort_for_desk,
    enrolled_team,
    opportunities_on_board,
    resource_for_viewer,
)
from cohorts.services import cohort_unenrol, opportunity_remove, resource_remove
from incubator.forms.errors import refusal_text
from incubator.views.confirmation import Confirmation, ConfirmedAction, SecretariatOnly


class ResourceRemove(LoginRequiredMixin, ConfirmedAction):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.pk = kwargs["pk"]

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.resource = resource_for_viewer(user=request.user, pk=self.pk)
        return super().dispatch(request, *args, **kwargs)

    def confirmation(self) -> Confirmation:
        resource = self.resource
        will_happen = [_("Nobody in the cohort can open it any more. This cannot be undone.")]
        if resource.file:
            will_happen.insert(
                0, _("The file “%(name)s” is deleted.") % {"name": resource.original_name}
            )
        return Confirmation(
            title=_("Remove “%(title)s”?") % {"title": resource.title},
            button=_("Remove the resource"),
            back_url=reverse("cohorts:resources"),
            will_happen=will_happen,
        )

    def act(self):
        try:
            resource_remove(resource=self.resource, by=self.request.user)
        except PermissionDenied as error:
            messages.error(self.request, refusal_text(error))
        else:
            messages.success(
                self.request, _("“%(title)s” is removed.") % {"title": self.resource.title}
            )
        return redirect("cohorts:resources")


class OpportunityRemove(LoginRequiredMixin, ConfirmedAction):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.pk = kwargs["pk"]

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            on_board = opportunities_on_board(user=request.user).select_related(None)
            self.opportunity = get_object_or_404(on_board, pk=self.pk)
        return super().dispatch(request, *args, **kwargs)

    def confirmation(self) -> Confirmation:
        return Confirmation(
            title=_("Take “%(title)s” off the board?") % {"title": self.opportunity.title},
            button=_("Take it off the board"),
            back_url=reverse("cohorts:opportunities"),
            will_happen=[_("The cohort no longer sees it. This cannot be undone.")],
        )

    def act(self):
        try:
            opportunity_remove(opportunity=self.opportunity, by=self.request.user)
        except PermissionDenied as error:
            messages.error(self.request, refusal_text(error))
        else:
            messages.success(
                self.request,
                _("“%(title)s” is off the board.") % {"title": self.opportunity.title},
            )
        return redirect("cohorts:opportunities")


class TeamRemove(SecretariatOnly, ConfirmedAction):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.cohort = cohort_for_desk(pk=kwargs["pk"])
        self.team = enrolled_team(cohort=self.cohort, pk=kwargs["organisation_pk"])

    def back(self) -> str:
        return reverse("cohorts:desk_cohort", kwargs={"pk": self.cohort.pk})

    def confirmation(self) -> Confirmation:
        return Confirmation(
            title=_("Remove %(team)s from %(cohort)s?")
            % {"team": self.team.name, "cohort": self.cohort.name},
            button=_("Remove the team"),
            back_url=self.back(),
            will_happen=[
                _(
                    "Its people lose their places in the cohort's coming sessions, unless "
                    "another of their teams is in the cohort."
                ),
                _("People waiting for those places move up and are told by email."),
            ],
        )

    def act(self):
        cohort_unenrol(cohort=self.cohort, organisation=self.team, by=self.request.user)
        messages.success(
            self.request,
            _(
                "%(team)s is no longer in the cohort; its people's places in coming sessions "
                "are freed."
            )
            % {"team": self.team.name},
        )
        return redirect(self.back())
