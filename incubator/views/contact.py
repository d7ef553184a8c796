"""Writing to the secretariat, and the secretariat's inbox of those messages."""

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from incubator.access import secretariat_required
from incubator.forms.contact import ContactAnswerForm, ContactForm
from incubator.forms.errors import NOT_DONE, form_act
from incubator.models import ContactState
from incubator.selectors.contact import contact_counts, contact_message, contact_messages_for_desk
from incubator.services.contact import contact_answer, contact_close, contact_send
from incubator.views.confirmation import Confirmation, ConfirmedAction, SecretariatOnly

PAGE_SIZE = 50


def _sender_key(request) -> str:
    if request.user.is_authenticated:
        return f"contact-sent:user:{request.user.pk}"
    return f"contact-sent:ip:{request.META.get('REMOTE_ADDR', '')}"


def _over_the_limit(request) -> bool:
    """Counts one message for this sender; True past the hourly limit."""
    key = _sender_key(request)
    cache.add(key, 0, timeout=3600)
    try:
        sent = cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, timeout=3600)
        sent = 1
    return sent > settings.CONTACT_MESSAGES_PER_HOUR


def contact(request):
    form = ContactForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid() and _over_the_limit(request):
        form.add_error(
            None, _("You have sent several messages in the last hour. Please try again later.")
        )
    sent = form_act(
        request,
        form,
        lambda **answers: contact_send(
            sender=request.user,
            language=translation.get_language(),
            **form.message_fields(),
        ),
    )
    if sent is NOT_DONE:
        return render(request, "about/contact.html", {"form": form})
    messages.success(
        request,
        _(
            "Your message has reached the secretariat. A copy is on its way to %(email)s; "
            "the secretariat answers by email to that address."
        )
        % {"email": sent.email},
    )
    return redirect("incubator:contact_sent")


def contact_sent(request):
    return render(request, "about/contact_sent.html")


@secretariat_required
def contact_inbox(request):
    state = request.GET.get("state") or None
    if state not in ContactState.values:
        state = None
    page = Paginator(contact_messages_for_desk(state=state), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "state": state,
        "states": ContactState.choices,
        "counts": contact_counts(),
    }
    return render(request, "secretariat/contact_inbox.html", context)


@secretariat_required
def contact_detail(request, pk: int):
    message = contact_message(pk=pk)
    form = ContactAnswerForm(request.POST or None)
    answered = form_act(
        request,
        form,
        lambda answer: contact_answer(message=message, answer=answer, by=request.user),
    )
    if answered is NOT_DONE:
        return render(
            request, "secretariat/contact_message.html", {"message": message, "form": form}
        )
    messages.success(
        request, _("Your answer is on its way to %(email)s.") % {"email": answered.to_email}
    )
    return redirect("incubator:contact_inbox")


class ContactClose(SecretariatOnly, ConfirmedAction):
    """A message that needs nothing more leaves the list of new ones."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.message = contact_message(pk=kwargs["pk"])

    def confirmation(self) -> Confirmation:
        unanswered = self.message.state == ContactState.NEW
        return Confirmation(
            title=_("Close the message “%(subject)s”?") % {"subject": self.message.subject},
            button=_("Close the message"),
            back_url=reverse("incubator:contact_detail", kwargs={"pk": self.message.pk}),
            subjects=[f"{self.message.name} <{self.message.email}>"],
            will_happen=[
                _("It can no longer be answered from the portal, and the sender is not emailed.")
                if unanswered
                else _("It leaves the list of messages to deal with.")
            ],
            possible=self.message.state != ContactState.CLOSED,
        )

    def act(self):
        contact_close(message=self.message, by=self.request.user)
        messages.success(request=self.request, message=_("The message is closed."))
        return redirect("incubator:contact_inbox")
