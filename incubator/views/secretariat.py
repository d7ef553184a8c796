from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from incubator.access import secretariat_required
from incubator.forms.errors import refusal_text
from incubator.models import Role, User
from incubator.models.outbox import NotificationStatus
from incubator.selectors.accounts import people_for_desk
from incubator.selectors.outbox import (
    failed_kinds,
    failed_notification,
    failed_of_kind,
    notification_counts,
    notifications_for_desk,
)
from incubator.services.accounts import role_grant, role_revoke
from incubator.services.outbox import notification_retry, notifications_retry_kind
from incubator.services.outbox_delivery import outbox_pause
from incubator.views.confirmation import (
    Confirmation,
    ConfirmedAction,
    SecretariatOnly,
    form_receiver,
)

PAGE_SIZE = 50


class RoleChangeForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Role.choices)
    action = forms.ChoiceField(choices=[("grant", "grant"), ("revoke", "revoke")])


@secretariat_required
def outbox(request):
    status = request.GET.get("status") or None
    if status not in NotificationStatus.values:
        status = None
    page = Paginator(notifications_for_desk(status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "secretariat/outbox.html",
        {
            "page": page,
            "status": status,
            "statuses": NotificationStatus.choices,
            "counts": notification_counts(),
            "failed_kinds": failed_kinds() if status == NotificationStatus.FAILED else [],
            "pause": outbox_pause(),
        },
    )


class OutboxRetry(SecretariatOnly, ConfirmedAction):
    """A failed message sent again, once the secretariat has seen what it was."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.notification = failed_notification(pk=kwargs["pk"])

    def confirmation(self) -> Confirmation:
        notification = self.notification
        return Confirmation(
            title=_("Send the message to %(to)s again?") % {"to": notification.to_email},
            button=_("Send it again"),
            back_url=reverse("incubator:outbox"),
            subjects=[notification.subject],
            will_happen=[
                _("It is queued again and tried from a clean slate. Its last error was: %(error)s")
                % {"error": notification.last_error or "—"}
            ],
            destructive=False,
        )

    def act(self):
        notification_retry(notification=self.notification, by=self.request.user)
        messages.success(
            self.request,
            _("The message to %(to)s is queued again.") % {"to": self.notification.to_email},
        )
        return redirect("incubator:outbox")


class OutboxRetryKind(SecretariatOnly, ConfirmedAction):
    """Every failed message of one kind sent again, after an outage of the mail system."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.failed = failed_of_kind(kind=kwargs["kind"])

    def confirmation(self) -> Confirmation:
        failed = self.failed
        return Confirmation(
            title=ngettext(
                "Send %(count)s failed message of the kind “%(kind)s” again?",
                "Send %(count)s failed messages of the kind “%(kind)s” again?",
                failed["failed"],
            )
            % {"count": failed["failed"], "kind": failed["kind"]},
            button=_("Send them again"),
            back_url=reverse("incubator:outbox") + "?status=failed",
            subjects=[_("The last of them: %(subject)s") % {"subject": failed["subject"]}],
            will_happen=[
                _(
                    "Each is queued again and tried from a clean slate. A message whose "
                    "secret link has expired fails again, and its reader must ask for a new one."
                )
            ],
            destructive=False,
        )

    def act(self):
        queued = notifications_retry_kind(kind=self.failed["kind"], by=self.request.user)
        messages.success(
            self.request,
            ngettext(
                "%(count)s message is queued again.", "%(count)s messages are queued again.", queued
            )
            % {"count": queued},
        )
        return redirect(reverse("incubator:outbox") + "?status=failed")


@secretariat_required
def people(request):
    query = request.GET.get("q", "").strip()
    page = Paginator(people_for_desk(query=query), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "secretariat/people.html", {"page": page, "query": query, "roles": Role.choices}
    )


@secretariat_required
@form_receiver("incubator:people")
def people_role(request, pk):
    person = get_object_or_404(User, pk=pk)
    form = RoleChangeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role to grant or revoke."))
        return redirect("incubator:people")
    change = role_grant if form.cleaned_data["action"] == "grant" else role_revoke
    try:
        change(user=person, role=form.cleaned_data["role"], by=request.user)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("Roles of %(person)s are updated.") % {"person": person})
    return redirect("incubator:people")
