"""What every write of the workspace shares: telling people through the outbox, and the
incubation's last activity."""

from datetime import datetime

from incubation.models import Incubation
from incubator.models import User
from incubator.services.outbox import notification_queue


def tell(*, people, key: str, template: str, context: dict) -> int:
    """Queue one email per person, keyed ``<key>:<person>`` so each goes once."""
    count = 0
    for person in people:
        notification_queue(
            key=f"{key}:{person.pk}", template=template, context=context, recipient=person
        )
        count += 1
    return count


def touch(*, incubation: Incubation, now: datetime) -> None:
    """The desk sorts by last activity: anything the teams do counts."""
    Incubation.objects.filter(pk=incubation.pk).update(last_activity_at=now)
    incubation.last_activity_at = now


def others(*, people, besides: User) -> list[User]:
    return [person for person in people if person.pk != besides.pk]
