"""A person's notifications: every email the portal sent them, their choices of email,
and the one-click link in an email that stops a kind of message."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from incubator.forms.accounts import MailChoicesForm
from incubator.forms.errors import NOT_DONE, form_act
from incubator.mail_kinds import carries_a_secret, unsubscribe_read
from incubator.models import MailChoice
from incubator.selectors.notifications import (
    mail_choices_stopped,
    notification_of,
    notifications_of,
    notifications_unread_count,
    person_of_link,
)
from incubator.services.mail import (
    mail_choices_set,
    mail_unsubscribe,
    notification_mark_read,
    notifications_mark_all_read,
)
from incubator.views.confirmation import form_receiver

PAGE_SIZE = 30


@login_required
def notifications(request):
    page = Paginator(notifications_of(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"page": page, "unread": notifications_unread_count(user=request.user)}
    return render(request, "accounts/notifications.html", context)


@login_required
def notification_detail(request, pk: int):
    notification = notification_mark_read(notification=notification_of(user=request.user, pk=pk))
    context = {"notification": notification, "secret": carries_a_secret(notification.kind)}
    return render(request, "accounts/notification.html", context)


@login_required
@form_receiver("incubator:notifications")
def notifications_read(request):
    count = notifications_mark_all_read(user=request.user)
    messages.success(
        request, _("All your notifications are marked read.") if count else _("Nothing was unread.")
    )
    return redirect("incubator:notifications")


@login_required
def mail_choices(request):
    stopped = mail_choices_stopped(user=request.user)
    form = MailChoicesForm(
        request.POST or None,
        initial={"wanted": [choice for choice in MailChoice.values if choice not in stopped]},
    )
    done = form_act(
        request, form, lambda wanted: mail_choices_set(user=request.user, wanted=wanted)
    )
    if done is NOT_DONE:
        return render(request, "accounts/mail_choices.html", {"form": form})
    messages.success(request, _("Your email choices are saved."))
    return redirect("incubator:notifications")


@method_decorator(csrf_exempt, name="dispatch")
class Unsubscribe(View):
    """The link of an email: a GET asks (mail scanners open links), a POST stops that kind
    of email. Mail programs post ``List-Unsubscribe=One-Click`` here without a session
    or a CSRF token (RFC 8058); the signed token is the proof."""

    http_method_names = ["get", "head", "post"]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        found = unsubscribe_read(kwargs["token"])
        self.person = person_of_link(user_id=found[0]) if found else None
        self.choice = MailChoice(found[1]) if found else None

    def get(self, request, token: str):
        if self.person is None:
            return render(request, "accounts/unsubscribe_invalid.html", status=404)
        return render(request, "accounts/unsubscribe.html", {"choice": self.choice, "done": False})

    def post(self, request, token: str):
        if self.person is None:
            return render(request, "accounts/unsubscribe_invalid.html", status=404)
        mail_unsubscribe(user=self.person, choice=self.choice)
        return render(request, "accounts/unsubscribe.html", {"choice": self.choice, "done": True})
