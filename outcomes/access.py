"""Who may see and change a team's outcomes: its stories, its follow-up surveys and its
consent to the showcase. The one policy of the team's outcome pages and their services.

A team's members write its story, answer its surveys and give or withdraw its consent;
the secretariat reads and decides on stories from its own desk. Anybody else is answered
404: ids reveal nothing."""

from django.db.models import QuerySet

from incubator.access import team_ids_of, teams_of
from incubator.models import Organisation, User
from outcomes.models import Survey


def may_write_for(user: User, organisation: Organisation) -> bool:
    """Whether the person may write the team's story, surveys and consent."""
    return organisation.pk in team_ids_of(user)


def visible_surveys(user: User) -> QuerySet[Survey]:
    """The surveys of the person's own teams."""
    return Survey.objects.filter(organisation__in=teams_of(user))
