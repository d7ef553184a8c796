"""Telling a team by email: one message in the outbox per active member, and an
``Audience`` saying who was told, so that what a page says is what was queued."""

from incubator.audience import Audience
from incubator.models import Organisation, User
from incubator.models.outbox import NotificationStatus
from incubator.selectors.audience import members_to_tell
from incubator.services.outbox import notification_queue


def team_tell(
    *,
    team: Organisation,
    key: str,
    template: str,
    context: dict,
    told: Audience | None = None,
) -> Audience:
    """Queue the email for every active member of the team (``key`` is completed with
    each member's id). Who was queued is returned, and added to ``told`` if given."""
    queued = [
        notification_queue(
            key=f"{key}:{member.pk}", template=template, context=context, recipient=member
        )
        for member in members_to_tell(team=team)
    ]
    # Whoever chose not to get this kind of email was not told by email.
    people = [row.recipient for row in queued if row.status != NotificationStatus.NOT_WANTED]
    result = Audience(
        people=people, teams=[team] if people else [], untold_teams=[] if people else [team]
    )
    if told is not None:
        told.add(result)
    return result


def person_tell(
    *, person: User, key: str, template: str, context: dict, told: Audience | None = None
) -> Audience:
    """Queue one email for one person, and say so in ``told``."""
    notification = notification_queue(key=key, template=template, context=context, recipient=person)
    emailed = notification.status != NotificationStatus.NOT_WANTED
    result = Audience(people=[notification.recipient] if emailed else [])
    if told is not None:
        told.add(result)
    return result
