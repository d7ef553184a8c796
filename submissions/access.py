"""Who may see and change a team's submission (a challenge or a solution proposal) and
its files: the one policy of the drafting pages, the file downloads and the services
behind them.

A submission belongs to its team: the team's members see and change it (changing also
needs the call open and no decision yet: ``Submission.is_editable_by_owner``); the
secretariat, once its second factor counts, also opens its files. Anybody else is
answered 404, as if it did not exist: ids reveal nothing."""

from django.db.models import QuerySet

from incubator.access import is_secretariat, is_team_member, team_ids_of, teams_of
from incubator.models import Organisation, User
from submissions.models import Submission


def visible_submissions(*, model: type[Submission], user: User) -> QuerySet[Submission]:
    """The submissions of the person's own teams, for the drafting pages."""
    return model.objects.filter(organisation__in=teams_of(user))


def may_start_submission(user: User, organisation: Organisation) -> bool:
    return is_team_member(user, organisation)


def may_change_submission(user: User, submission: Submission) -> bool:
    return submission.organisation_id in team_ids_of(user)


def may_see_submission_files(user: User, submission: Submission) -> bool:
    return is_secretariat(user) or submission.organisation_id in team_ids_of(user)
