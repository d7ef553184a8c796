"""What every write of the workspace shares: telling people through the outbox, and the
incubation's last activity."""

from datetime import datetime

from incubation.models import Incubation
from incubator.audience import Audience
from incubator.models import Organisation, User
from incubator.services.outbox import notification_queue


def tell(
    *,
    people,
    key: str,
    template: str,
    context: dict,
    untold_teams: list[Organisation] = (),
    told: Audience | None = None,
) -> Audience:
    """Queue one email per person, keyed ``<key>:<person>`` so each goes once. Who is in
    the outbox for it is returned, and added to ``told`` if given, with the teams of
    ``untold_teams`` (those nobody could be told in: they have no active member)."""
    queued = [
        notification_queue(
            key=f"{key}:{person.pk}", template=template, context=context, recipient=person
        ).recipient
        for person in people
    ]
    result = Audience(people=queued, untold_teams=list(untold_teams))
    if told is not None:
        told.add(result)
    return result


def touch(*, incubation: Incubation, now: datetime) -> None:
    """The desk sorts by last activity: anything the teams do counts."""
    Incubation.objects.filter(pk=incubation.pk).update(last_activity_at=now)
    incubation.last_activity_at = now


def others(*, people, besides: User) -> list[User]:
    return [person for person in people if person.pk != besides.pk]
