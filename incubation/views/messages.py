"""The conversation: reading it (which marks it read), writing a message or a reply,
a file, how to be told of new messages, and the secretariat's pins."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from incubation.forms.messages import EmailChoiceForm, MessageForm
from incubation.message_audience import MessageAudience, will_hear
from incubation.models import EmailChoice
from incubation.selectors.messages import (
    inbox_for,
    latest_message_id,
    message_in,
    message_of,
    pinned_of,
    thread_of,
    threads_page,
)
from incubation.services.messages import (
    email_choice_set,
    message_pin,
    message_post,
    messages_mark_read,
)
from incubation.views.common import page, secretariat_only, workspace_view
from incubator.downloads import file_download
from incubator.forms.errors import form_errors_add, refusal_text
from incubator.views.confirmation import form_receiver


def _conversation(request, incubation, *, form=None, status=200):
    inbox = inbox_for(incubation=incubation, user=request.user)
    last_read = inbox.last_read_id if inbox else 0
    threads = threads_page(incubation=incubation, page_number=request.GET.get("page"))
    response = page(
        request,
        incubation,
        "incubation/messages.html",
        {
            "form": form or MessageForm(),
            "pinned": pinned_of(incubation=incubation),
            "page": threads,
            "last_read": last_read,
            "email_form": EmailChoiceForm(
                initial={"email_choice": inbox.email_choice if inbox else EmailChoice.IMMEDIATE}
            ),
        },
        section="messages",
        status=status,
    )
    messages_mark_read(
        incubation=incubation, user=request.user, up_to=latest_message_id(incubation=incubation)
    )
    return response


@workspace_view
def conversation(request, incubation):
    if request.method != "POST":
        return _conversation(request, incubation)
    form = MessageForm(request.POST, request.FILES, reply=bool(request.POST.get("parent")))
    if form.is_valid():
        parent = None
        if form.cleaned_data["parent"]:
            parent = message_of(incubation=incubation, pk=form.cleaned_data["parent"])
            if parent is None:
                form.add_error(None, _("The message you answer is not in this conversation."))
        if not form.errors:
            audience = MessageAudience()
            try:
                message = message_post(
                    incubation=incubation,
                    by=request.user,
                    body=form.cleaned_data["body"],
                    parent=parent,
                    upload=form.cleaned_data["attachment"],
                    told=audience,
                )
            except (PermissionDenied, ValidationError) as error:
                form_errors_add(form, error)
            else:
                done = _("Your message is posted.")
                messages.success(request, f"{done} {will_hear(audience)}")
                url = reverse("incubation:messages", kwargs={"pk": incubation.pk})
                return redirect(f"{url}#message-{message.pk}")
    if form.cleaned_data.get("parent") and not form.non_field_errors():
        return _reply_page(request, incubation, form.cleaned_data["parent"], form)
    return _conversation(request, incubation, form=form)


def _reply_page(request, incubation, message_pk, form):
    thread = thread_of(incubation=incubation, pk=message_pk)
    inbox = inbox_for(incubation=incubation, user=request.user)
    return page(
        request,
        incubation,
        "incubation/reply.html",
        {"thread": thread, "form": form, "last_read": inbox.last_read_id if inbox else 0},
        section="messages",
    )


@workspace_view
@require_safe
def reply(request, incubation, message_pk):
    thread = thread_of(incubation=incubation, pk=message_pk)
    form = MessageForm(initial={"parent": thread.pk}, reply=True)
    return _reply_page(request, incubation, thread.pk, form)


@form_receiver("incubation:messages", pk="pk")
@workspace_view
def email_choice(request, incubation):
    form = EmailChoiceForm(request.POST)
    if form.is_valid():
        try:
            email_choice_set(
                incubation=incubation, by=request.user, choice=form.cleaned_data["email_choice"]
            )
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, refusal_text(error))
        else:
            messages.success(request, _("Your choice is saved."))
    else:
        messages.error(request, _("Choose how you want to hear of new messages."))
    return redirect("incubation:messages", pk=incubation.pk)


@workspace_view
@require_safe
def attachment(request, incubation, message_pk):
    message = message_in(incubation=incubation, pk=message_pk)
    return file_download(message.attachment, filename=message.attachment_name)


@form_receiver("incubation:messages", pk="pk")
@workspace_view
@secretariat_only
def pin(request, incubation, message_pk):
    message = message_in(incubation=incubation, pk=message_pk)
    pinned = request.POST.get("pin") != "0"
    try:
        message_pin(message=message, by=request.user, pinned=pinned)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(
            request, _("The message is pinned.") if pinned else _("The message is unpinned.")
        )
    return redirect("incubation:messages", pk=incubation.pk)
