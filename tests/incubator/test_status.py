"""One badge for every state: each state shown as a badge has a tone, told by its mark,
shape and colour together, and its text is written out."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse

from cohorts.models import RegistrationStatus
from incubation.models.meetings import MeetingState
from incubation.models.plan import MilestoneState
from incubation.models.workspace import IncubationState
from incubator.models.outbox import NotificationStatus
from incubator.models.programmes import WindowState
from incubator.status import _BY_TONE, MARKS, TONES, Tone, UnknownState, tone_of
from matching.models import Match, MatchRun
from matching.round_board import BoardState
from outcomes.models import StoryState
from submissions.models import SubmissionState
from tests.factories import ChallengeFactory, MembershipFactory

# Every set of states the portal's templates show with {% status %}.
SHOWN_AS_BADGES = [
    SubmissionState,
    MatchRun.State,
    Match.State,
    BoardState,
    MilestoneState,
    MeetingState,
    IncubationState,
    WindowState,
    NotificationStatus,
    RegistrationStatus,
    StoryState,
]


@pytest.mark.parametrize("choices", SHOWN_AS_BADGES, ids=lambda c: c.__qualname__)
def test_every_state_shown_as_a_badge_has_a_tone(choices):
    missing = [value for value in choices.values if value not in TONES]

    assert not missing, f"{choices.__qualname__}: {missing} have no tone in incubator/status.py"


def test_no_state_is_given_two_tones():
    listed = [value for values in _BY_TONE.values() for value in values]

    assert len(listed) == len(set(listed)) == len(TONES)


TEMPLATE_DIRS = [p for p in Path(settings.BASE_DIR).glob("*/templates") if ".venv" not in str(p)]


def test_every_state_a_template_writes_out_has_a_tone():
    written = {
        value
        for folder in TEMPLATE_DIRS
        for template in folder.rglob("*.html")
        for value in re.findall(r'\{% status "([^"]+)"', template.read_text())
    }

    assert written, "no template writes a state out; has the tag been renamed?"
    assert written <= set(TONES), written - set(TONES)


def test_an_unknown_state_fails_loudly():
    with pytest.raises(UnknownState, match="'shelved'"):
        tone_of("shelved")
    with pytest.raises(UnknownState):
        render('{% status "shelved" "Shelved" %}')


def test_every_tone_has_its_own_mark():
    assert set(MARKS) == set(Tone)
    assert len(set(MARKS.values())) == len(Tone)


def render(source: str, **context) -> str:
    return Template("{% load status %}" + source).render(Context(context))


def test_the_badge_writes_the_label_out_with_its_tone_and_a_hidden_mark():
    html = render("{% status state label %}", state=SubmissionState.SELECTED, label="Selected")

    assert html == (
        '<span class="status status--done"><span class="status-mark" aria-hidden="true">✓'
        "</span> Selected</span>"
    )


@pytest.mark.parametrize(
    "state,tone,mark",
    [
        (SubmissionState.DECLINED, "stopped", "✕"),
        (SubmissionState.IN_REVIEW, "waiting", "◔"),
        (SubmissionState.DRAFT, "neutral", "○"),
        ("overdue", "attention", "!"),
    ],
)
def test_each_tone_has_its_class_and_mark(state, tone, mark):
    html = render("{% status state label %}", state=state, label="Words & more")

    assert f'class="status status--{tone}"' in html
    assert f'aria-hidden="true">{mark}</span>' in html
    assert html.endswith(" Words &amp; more</span>")


def _badge(page: str, text: str) -> tuple[str, str]:
    found = re.search(
        r'<span class="status status--(\w+)"><span class="status-mark" aria-hidden="true">'
        r"(.)</span> " + re.escape(text) + "</span>",
        page,
    )
    assert found, f"no badge {text!r} on the page"
    return found.groups()


@pytest.mark.django_db
def test_a_selected_and_a_declined_challenge_do_not_look_alike(client_of):
    member = MembershipFactory().user
    organisation = member.organisations.get()
    ChallengeFactory(organisation=organisation, status=SubmissionState.SELECTED)
    ChallengeFactory(organisation=organisation, status=SubmissionState.DECLINED)

    page = client_of(member).get(reverse("challenges:mine")).content.decode()

    selected, declined = _badge(page, "Selected"), _badge(page, "Declined")
    assert selected == ("done", "✓")
    assert declined == ("stopped", "✕")
