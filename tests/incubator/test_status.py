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
from incubator.models.contact import ContactState
from incubator.models.outbox import NotificationStatus
from incubator.models.programmes import WindowState
from incubator.status import _BY_TONE, MARKS, TONES, Tone, UnknownState, tone_of
from matching.models import Match, MatchRun
from matching.round_states import BoardState
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
    ContactState,
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
        '</span> <span class="status-text">Selected</span></span>'
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
    assert html.endswith('<span class="status-text">Words &amp; more</span></span>')


def _badge(page: str, text: str) -> tuple[str, str]:
    found = re.search(
        r'<span class="status status--(\w+)"><span class="status-mark" aria-hidden="true">'
        r'(.)</span> <span class="status-text">' + re.escape(text) + "</span></span>",
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


# How much of a whole is done -------------------------------------------------------------


def bar_of(html: str) -> tuple[str, str]:
    """(how far the bar is filled, the text written beside it)."""
    filled = re.search(r'<rect class="completion-done" width="(\d+)"', html).group(1)
    text = re.search(r'<span class="completion-text">([^<]*)</span>', html).group(1)
    return filled, text


@pytest.mark.parametrize(
    "done,total,filled,text",
    [
        (0, 5, "0", "0 of 5 reviews done (0%)"),
        (3, 5, "60", "3 of 5 reviews done (60%)"),
        (5, 5, "100", "5 of 5 reviews done (100%)"),
        (0, 1, "0", "0 of 1 review done (0%)"),
        (0, 0, "0", "No review assigned yet."),
    ],
)
def test_the_bar_is_filled_by_completion_with_the_numbers_written(done, total, filled, text):
    html = render('{% completion done total "reviews" %}', done=done, total=total)

    assert bar_of(html) == (filled, text)
    assert '<svg class="completion-bar"' in html and 'aria-hidden="true"' in html


def test_the_bar_speaks_french_with_french_spaces():
    from django.utils import translation

    with translation.override("fr"):
        html = render('{% completion 1 3 "milestones" %}')

    assert bar_of(html) == ("33", "Jalons terminés\u00a0: 1 sur 3 (33\u00a0%)")


def test_the_bar_counts_only_what_it_knows():
    with pytest.raises(ValueError, match="'apples'"):
        render('{% completion 1 2 "apples" %}')
