"""Every id in a URL, filled from the seeded round by the noun before it in the path.

A URL's parameter is looked up as ``<noun before>/<noun>/<parameter>`` (for nouns that
mean different things under different parents: a challenge's files, a proposal's files),
then as ``<noun>/<parameter>``. A new URL whose noun is taught here is covered without
editing the walk; one whose noun is unknown fails the walk, naming its pattern, until
its noun is taught here once."""

import re

from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType

from incubator.services.organisations import invitation_token
from tests.sweep.round import Round, Side

FORGED = "forged-secret"


def _programme(side: Side, round_: Round) -> str:
    return round_.programme.slug


def secret(fill):
    """A link that is itself the key (an unsubscribe link, a calendar feed, an
    invitation): only its owner holds it, so anyone else walks it with a forged one."""
    fill.secret = True
    return fill


NOUNS = {
    # incubator
    "unsubscribe/token": secret(lambda s, r: s.unsubscribe),
    "notifications/pk": lambda s, r: s.notification.pk,
    "teams/pk": lambda s, r: s.team.pk,
    "invitations/token": secret(lambda s, r: invitation_token(invitation=s.invitation)),
    "outbox/pk": lambda s, r: s.notification.pk,
    "kinds/kind": lambda s, r: s.notification.key.split(":")[0],
    "pages/slug": lambda s, r: "privacy",
    "contact/pk": lambda s, r: s.contact.pk,
    "people/pk": lambda s, r: s.member.pk,
    "programmes/slug": _programme,
    "calls/pk": lambda s, r: r.call.pk,
    # allauth: links whose secret the walk does not hold
    "confirm-email/key": lambda s, r: "not-a-key",
    "key/uidb36": lambda s, r: "1",
    "-/key": lambda s, r: "not-a-key",
    "oidc/provider_id": lambda s, r: "no-such-provider",
    # submissions, challenges, proposals
    "challenges/pk": lambda s, r: s.challenge.pk,
    "challenges/files/file_pk": lambda s, r: s.challenge_file.pk,
    "challenges/step/step": lambda s, r: "problem",
    "solutions/pk": lambda s, r: s.solution.pk,
    "solutions/files/file_pk": lambda s, r: s.solution_file.pk,
    "solutions/step/step": lambda s, r: "experience",
    # reviews
    "review/pk": lambda s, r: s.assignment.pk,
    "reviewers/user_pk": lambda s, r: s.reviewer.pk,
    "reviewers/pk": lambda s, r: s.assignment.pk,
    "calls/call_pk": lambda s, r: r.review_call.pk,
    "submissions/item_pk": lambda s, r: s.item.pk,
    # matching
    "matching/slug": _programme,
    "runs/pk": lambda s, r: r.match_run.pk,
    "board/pk": lambda s, r: s.match.challenge_id,
    "matches/pk": lambda s, r: s.match.pk,
    "matches/action": lambda s, r: "lock",
    # incubation
    "incubations/pk": lambda s, r: s.incubation.pk,
    "incubations/slug": _programme,
    "teams/team_pk": lambda s, r: s.incubation_team.pk,
    "agree/team_pk": lambda s, r: s.incubation_team.pk,
    "check-ins/team_pk": lambda s, r: s.incubation_team.pk,
    "closing/team_pk": lambda s, r: s.incubation_team.pk,
    "milestones/milestone_pk": lambda s, r: s.milestone.pk,
    "meetings/meeting_pk": lambda s, r: s.meeting.pk,
    "messages/message_pk": lambda s, r: s.message.pk,
    "manage/action": lambda s, r: "resume",
    "check-ins/checkin_pk": lambda s, r: s.checkin.pk,
    "exchange/slug": _programme,
    # cohorts
    "sessions/pk": lambda s, r: s.session.pk,
    "cohorts/pk": lambda s, r: s.cohort.pk,
    "teams/organisation_pk": lambda s, r: s.team.pk,
    "calendar/token": secret(lambda s, r: s.feed.token),
    "resources/pk": lambda s, r: s.resource.pk,
    "opportunities/pk": lambda s, r: s.opportunity.pk,
    # outcomes
    "showcase/pk": lambda s, r: s.match.pk,
    "stories/match_pk": lambda s, r: s.match.pk,
    "stories/organisation_pk": lambda s, r: s.team.pk,
    "stories/pk": lambda s, r: s.story.pk,
    "teams/slug": _programme,
    "surveys/pk": lambda s, r: s.survey.pk,
    "surveys/slug": _programme,
    "dashboard/slug": _programme,
    "dashboard/key": lambda s, r: "attendance-sessions",
    # library and the open-data API
    "library/kind": lambda s, r: "challenge",
    "library/pk": lambda s, r: s.challenge.pk,
    "open-data/slug": _programme,
    "open-data/name": lambda s, r: "challenges",
    "themes/slug": lambda s, r: s.challenge.themes.first().slug,
    # mydata
    "copies/pk": lambda s, r: s.export.pk,
    # the admin's own pages: an app, or any address under it
    "admin/app_label": lambda s, r: "challenges",
    "admin/url": lambda s, r: "no-such-page/",
    "r/content_type_id": lambda s, r: ContentType.objects.get_for_model(s.challenge).pk,
    "r/object_id": lambda s, r: s.challenge.pk,
}

PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


def _admin_object(model_name: str):
    """The admin's change, delete and history pages: the side's own row of that model
    where the round holds one, else the first row."""
    models = {model._meta.model_name: model for model in admin.site._registry}
    model = models.get(model_name) or apps.get_model(model_name)

    def fill(side: Side, round_: Round):
        own = side.objects.get(model_name)
        if isinstance(own, model):
            return own.pk
        row = model._base_manager.order_by("pk").first()
        return row.pk if row else 0

    return fill


def _nouns_before(route: str, start: int) -> list[str]:
    literal = PARAMETER.sub("", route[:start])
    return [part for part in re.split(r"[/^$]+", literal) if part and part.isascii()]


def fillers(route: str) -> dict:
    """The filler of each parameter of a URL pattern; ``KeyError`` names what is missing."""
    found = {}
    for match in PARAMETER.finditer(route):
        name = match.group(1) or match.group(2)
        nouns = _nouns_before(route, match.start())
        noun = nouns[-1] if nouns else ""
        parent = nouns[-2] if len(nouns) > 1 else ""
        for key in (f"{parent}/{noun}/{name}", f"{noun}/{name}"):
            if key in NOUNS:
                found[name] = NOUNS[key]
                break
        else:
            if "admin" not in nouns or name != "object_id":
                raise KeyError(f"{noun}/{name}")
            found[name] = _admin_object(noun)
    return found
