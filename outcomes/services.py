"""Every write of outcomes: a team's consent to the showcase, its stories and their
approval by the secretariat, and the follow-up surveys with their answers."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from challenges.models import LifecycleStage
from incubator.access import is_secretariat
from incubator.models import Organisation, Programme, User
from incubator.services.audit import audit_record
from incubator.services.outbox import notification_queue
from matching.models import Match
from outcomes.access import may_write_for
from outcomes.dashboard.counts import dashboard_recount_soon
from outcomes.milestones import add_months
from outcomes.models import ShowcaseConsent, Story, StoryState, Survey
from outcomes.selectors import has_confirmed_match, story_of, surveys_due

STORY_TEXTS = ("title", "expectations", "learned", "pain_points")


def _require_member(by: User, organisation: Organisation) -> None:
    if not may_write_for(by, organisation):
        raise PermissionDenied(_("Only members of the team can do this."))


def _require_secretariat(by: User) -> None:
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat approves stories."))


# Consent ----------------------------------------------------------------------------------


@transaction.atomic
def consent_give(*, programme: Programme, organisation: Organisation, by: User) -> ShowcaseConsent:
    """The team agrees to be shown on the programme's showcase with its matches."""
    _require_member(by, organisation)
    if not has_confirmed_match(programme=programme, organisation=organisation):
        raise ValidationError(_("This team has no confirmed match in this programme."))
    return _consent_set(programme=programme, organisation=organisation, by=by, given=True)


@transaction.atomic
def consent_withdraw(
    *, programme: Programme, organisation: Organisation, by: User
) -> ShowcaseConsent:
    """The team's matches and stories leave the showcase with the next page load."""
    _require_member(by, organisation)
    return _consent_set(programme=programme, organisation=organisation, by=by, given=False)


def _consent_set(
    *, programme: Programme, organisation: Organisation, by: User, given: bool
) -> ShowcaseConsent:
    consent, created = ShowcaseConsent.objects.select_for_update().get_or_create(
        programme=programme, organisation=organisation, defaults={"given": given, "changed_by": by}
    )
    if created or consent.given != given:
        consent.given, consent.changed_by = given, by
        consent.save()
        audit_record(
            actor=by,
            action="showcase.consent_given" if given else "showcase.consent_withdrawn",
            target=consent,
            details={"team": organisation.name, "programme": programme.slug},
        )
        dashboard_recount_soon(programme_id=programme.pk)  # the showcase's counts
    return consent


# Stories ----------------------------------------------------------------------------------


@transaction.atomic
def story_save(
    *,
    match: Match,
    organisation: Organisation,
    by: User,
    title: str,
    expectations: str,
    learned: str,
    pain_points: str,
    written_in: str,
    submit: bool = False,
    now: datetime | None = None,
) -> Story:
    """Write or change the team's story of a match and, when asked, send it to the
    secretariat for approval. A story waiting for approval or published stays as it is."""
    _require_member(by, organisation)
    # Locking the match keeps two members from creating the team's story at once.
    match = (
        Match.objects.select_for_update(of=("self",))
        .select_related("challenge", "solution")
        .get(pk=match.pk)
    )
    if match.state != Match.State.CONFIRMED or organisation.pk not in (
        match.challenge.organisation_id,
        match.solution.organisation_id,
    ):
        raise PermissionDenied(_("Only the teams of a confirmed match write its story."))
    story = story_of(match=match, organisation=organisation)
    if story is None:
        story = Story(match=match, organisation=organisation, created_by=by)
    elif not story.is_editable:
        raise ValidationError(
            _("This story is with the secretariat or published; it can no longer be changed.")
        )
    story.title, story.expectations = title.strip(), expectations.strip()
    story.learned, story.pain_points = learned.strip(), pain_points.strip()
    story.written_in = written_in
    if submit:
        missing = {
            name: _("Fill this in before sending the story for approval.")
            for name in STORY_TEXTS
            if not getattr(story, name)
        }
        if missing:
            raise ValidationError(missing)
        story.state, story.submitted_at = StoryState.SUBMITTED, now or timezone.now()
    story.full_clean(exclude=["match", "organisation", "created_by", "decided_by"])
    story.save()
    audit_record(
        actor=by,
        action="story.submitted" if submit else "story.saved",
        target=story,
        details={"team": organisation.name},
    )
    return story


def _decide(story: Story, by: User, now: datetime | None) -> Story:
    _require_secretariat(by)
    story = Story.objects.select_for_update().get(pk=story.pk)
    if story.state != StoryState.SUBMITTED:
        raise ValidationError(_("This story is not waiting for approval any more."))
    story.decided_by, story.decided_at = by, now or timezone.now()
    return story


@transaction.atomic
def story_approve(*, story: Story, by: User, now: datetime | None = None) -> Story:
    """Publish the story: the public reads it while both teams of its match consent."""
    story = _decide(story, by, now)
    story.state, story.rejection_reason = StoryState.APPROVED, ""
    story.save(update_fields=["state", "rejection_reason", "decided_by", "decided_at"])
    audit_record(actor=by, action="story.approved", target=story)
    return story


@transaction.atomic
def story_reject(*, story: Story, by: User, reason: str, now: datetime | None = None) -> Story:
    """Send the story back to its team with the reason; they can change it and resend."""
    story = _decide(story, by, now)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why, so the team knows what to change.")})
    story.state, story.rejection_reason = StoryState.REJECTED, reason
    story.full_clean(exclude=["match", "organisation", "created_by", "decided_by"])
    story.save(update_fields=["state", "rejection_reason", "decided_by", "decided_at"])
    audit_record(actor=by, action="story.rejected", target=story, details={"reason": reason})
    return story


# Follow-up surveys ------------------------------------------------------------------------


def surveys_create_due(*, now: datetime | None = None) -> int:
    """Create each team's follow-up survey when its milestone (3, 6, 12 months after the
    match was confirmed) has come, and write to every active member of the team. The
    unique constraint and the outbox keys keep it to one survey and one email each,
    however often this runs; only the latest milestone passed is asked. Returns how many
    surveys were created."""
    return sum(
        _survey_create(match=match, team=team, partner=partner, milestone=milestone)
        for match, team, partner, milestone in surveys_due(now=now or timezone.now())
    )


@transaction.atomic
def _survey_create(
    *, match: Match, team: Organisation, partner: Organisation, milestone: int
) -> int:
    survey, created = Survey.objects.get_or_create(
        match=match,
        organisation=team,
        milestone=milestone,
        defaults={"due_at": add_months(match.decided_at, milestone)},
    )
    if not created:  # another run got there first
        return 0
    audit_record(
        actor=None,
        action="survey.created",
        target=survey,
        details={"team": team.name, "milestone": milestone},
    )
    for member in team.members.filter(is_active=True).order_by("pk"):
        notification_queue(
            key=f"followup-survey:{survey.pk}:{member.pk}",
            template="followup_survey",
            context={"survey": survey, "match": match, "team": team, "partner": partner},
            recipient=member,
        )
    return 1


@transaction.atomic
def survey_answer(
    *,
    survey: Survey,
    by: User,
    stage_reached: str,
    what_changed: str,
    advice: str,
    now: datetime | None = None,
) -> Survey:
    """Any member answers for the team; answering again replaces the team's answer."""
    _require_member(by, survey.organisation)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if stage_reached not in LifecycleStage.values:
        raise ValidationError({"stage_reached": _("Choose the stage your work has reached.")})
    survey.stage_reached = stage_reached
    survey.what_changed, survey.advice = what_changed.strip(), advice.strip()
    survey.answered_by, survey.answered_at = by, now or timezone.now()
    survey.full_clean(exclude=["match", "organisation", "answered_by"])
    survey.save()
    audit_record(
        actor=by, action="survey.answered", target=survey, details={"milestone": survey.milestone}
    )
    return survey
