"""Careful reads of the conversation: the pinned messages, one page of threads with all
their replies, one message, and what the person has read."""

from django.core.paginator import Paginator
from django.db.models import Max, Prefetch
from django.shortcuts import get_object_or_404

from incubation.access import standing_of
from incubation.message_audience import MessageAudience
from incubation.models import EmailChoice, Incubation, MemberInbox, Message
from incubation.selectors.people import people_to_tell, teams_without_members
from incubator.models import User

THREADS_PER_PAGE = 20


def _with_author():
    return Message.objects.select_related("author", "pinned_by")


def pinned_of(*, incubation: Incubation) -> list[Message]:
    return list(
        _with_author()
        .filter(incubation=incubation, pinned_at__isnull=False)
        .order_by("-pinned_at", "-pk")
    )


def threads_page(*, incubation: Incubation, page_number):
    """Threads, the most recently active first, each with every reply, oldest first."""
    threads = (
        _with_author()
        .filter(incubation=incubation, parent__isnull=True)
        .prefetch_related(Prefetch("replies", _with_author().order_by("created_at", "pk")))
        .order_by("-thread_active_at", "-pk")
    )
    return Paginator(threads, THREADS_PER_PAGE).get_page(page_number)


def thread_of(*, incubation: Incubation, pk: int) -> Message:
    """A message of this incubation (its thread's first message when it is a reply), with
    the thread's replies; 404 for any other id."""
    message = get_object_or_404(
        Message.objects.only("pk", "parent_id"), incubation=incubation, pk=pk
    )
    root = message.parent_id or message.pk
    return get_object_or_404(
        _with_author().prefetch_related(
            Prefetch("replies", _with_author().order_by("created_at", "pk"))
        ),
        pk=root,
    )


def message_of(*, incubation: Incubation, pk) -> Message | None:
    return _with_author().filter(incubation=incubation, pk=pk).first()


def message_in(*, incubation: Incubation, pk: int) -> Message:
    return get_object_or_404(_with_author(), incubation=incubation, pk=pk)


def inbox_for(*, incubation: Incubation, user: User) -> MemberInbox | None:
    return MemberInbox.objects.filter(incubation=incubation, user=user).first()


def latest_message_id(*, incubation: Incubation) -> int:
    return incubation.messages.aggregate(last=Max("pk"))["last"] or 0


def message_audience(*, incubation: Incubation, besides: User) -> MessageAudience:
    """Who the periodic emails will tell of a new message by ``besides``, as each chose:
    the people the emails go to (``people_to_tell``, who still stand in the incubation),
    with the choice of their inbox (as they come, by default)."""
    people = [
        person
        for person in people_to_tell(incubation)
        if person.pk != besides.pk and standing_of(person, incubation) is not None
    ]
    choices = dict(
        MemberInbox.objects.filter(incubation=incubation, user__in=people).values_list(
            "user_id", "email_choice"
        )
    )
    audience = MessageAudience(untold_teams=teams_without_members(incubation))
    lists = {
        EmailChoice.IMMEDIATE: audience.within_the_hour,
        EmailChoice.DAILY: audience.in_the_digest,
        EmailChoice.NONE: audience.not_emailed,
    }
    for person in people:
        lists[choices.get(person.pk, EmailChoice.IMMEDIATE)].append(person)
    return audience
