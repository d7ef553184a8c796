"""Taking a reviewer off a submission, behind a confirmation page: their draft, or their
submitted review, goes with the assignment."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from incubator.views.confirmation import Confirmation, ConfirmedAction, SecretariatOnly
from reviews import services
from reviews.selectors import assignment_on_item, call_for_review, item_of_call


class AssignmentRemove(SecretariatOnly, ConfirmedAction):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.call = call_for_review(pk=kwargs["call_pk"])
        self.item = item_of_call(call=self.call, pk=kwargs["item_pk"])
        self.assignment = assignment_on_item(item=self.item, pk=kwargs["pk"])

    def back(self) -> str:
        return reverse("reviews:item", kwargs={"call_pk": self.call.pk, "item_pk": self.item.pk})

    def confirmation(self) -> Confirmation:
        assignment = self.assignment
        if assignment.is_submitted:
            lost = _("Their submitted review and its scores are deleted: the ranking changes.")
        elif assignment.draft_saved_at:
            lost = _("Their draft scores are deleted.")
        else:
            lost = _("They have not started this review.")
        return Confirmation(
            title=_("Take %(person)s off “%(title)s”?")
            % {"person": assignment.reviewer, "title": self.item.submission},
            button=_("Take the reviewer off"),
            back_url=self.back(),
            will_happen=[
                lost,
                _("The submission no longer appears on their desk. This cannot be undone."),
            ],
        )

    def act(self):
        services.assignment_remove(assignment=self.assignment, by=self.request.user)
        messages.success(
            self.request,
            _("%(person)s no longer reviews this submission.")
            % {"person": self.assignment.reviewer},
        )
        return redirect(self.back())
