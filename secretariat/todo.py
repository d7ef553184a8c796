"""What the secretariat's home says: where the round stands now, and what needs doing,
each with a link to the desk where it is done."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from incubation.selectors.risk import incubations_at_risk_count
from incubator.models.programmes import WindowState
from incubator.times import in_viewer_zone
from matching.models import Match
from secretariat.selectors import CallProgress, RoundState
from submissions.models import SubmissionState


@dataclass(frozen=True)
class ToDo:
    text: str
    url: str


def now_lines(state: RoundState) -> list[str]:
    """The windows open now, or the next to open."""
    lines = []
    for progress in state.calls:
        call, phase = progress.call, progress.phase
        if call.state == WindowState.OPEN:
            lines.append(
                _("%(call)s is open until %(deadline)s.")
                % {"call": call.title_shown, "deadline": in_viewer_zone(call.closes_at)}
            )
        if phase is not None and phase.state == WindowState.OPEN:
            lines.append(
                _("The review of %(call)s is open until %(closes)s; reviews are due on %(due)s.")
                % {
                    "call": call.title_shown,
                    "closes": in_viewer_zone(phase.closes_at),
                    "due": in_viewer_zone(phase.due_at),
                }
            )
    if lines:
        return lines
    upcoming = [p.call for p in state.calls if p.call.state == WindowState.UPCOMING]
    if upcoming:
        first = min(upcoming, key=lambda call: call.opens_at)
        return [
            _("Nothing is open now. Next: %(call)s opens on %(opens)s.")
            % {"call": first.title_shown, "opens": in_viewer_zone(first.opens_at)}
        ]
    return [_("No call or review phase of this programme is open now.")]


def _screening(progress: CallProgress) -> ToDo | None:
    if not progress.to_screen:
        return None
    submitted = progress.states.get(SubmissionState.SUBMITTED, 0)
    screening = progress.states.get(SubmissionState.SCREENING, 0)
    query = urlencode({"call": progress.call.pk})
    return ToDo(
        ngettext(
            "%(count)d challenge of %(call)s to screen (%(submitted)d submitted, "
            "%(screening)d in screening).",
            "%(count)d challenges of %(call)s to screen (%(submitted)d submitted, "
            "%(screening)d in screening).",
            progress.to_screen,
        )
        % {
            "count": progress.to_screen,
            "call": progress.call.title_shown,
            "submitted": submitted,
            "screening": screening,
        },
        f"{reverse('challenges:screening_queue')}?{query}",
    )


def _reviews(progress: CallProgress) -> ToDo | None:
    phase = progress.phase
    if not progress.reviews_missing or phase is None or phase.state == WindowState.CLOSED:
        return None
    return ToDo(
        ngettext(
            "%(missing)d of %(total)d reviews of %(call)s is missing; they are due on %(due)s.",
            "%(missing)d of %(total)d reviews of %(call)s are missing; they are due on %(due)s.",
            progress.reviews_missing,
        )
        % {
            "missing": progress.reviews_missing,
            "total": progress.reviews,
            "call": progress.call.title_shown,
            "due": in_viewer_zone(phase.due_at),
        },
        reverse("reviews:call", kwargs={"call_pk": progress.call.pk}),
    )


def _decisions(progress: CallProgress) -> ToDo | None:
    if not progress.staged:
        return None
    return ToDo(
        ngettext(
            "%(count)d decision on %(call)s is staged, not released.",
            "%(count)d decisions on %(call)s are staged, not released.",
            progress.staged,
        )
        % {"count": progress.staged, "call": progress.call.title_shown},
        reverse("reviews:decisions", kwargs={"call_pk": progress.call.pk}),
    )


def _matches(state: RoundState) -> ToDo | None:
    proposed = state.matches.get(Match.State.PROPOSED, 0)
    if not proposed:
        return None
    board = reverse("matching:board", kwargs={"slug": state.programme.slug})
    return ToDo(
        ngettext(
            "%(count)d pair proposed by matching waits for a decision.",
            "%(count)d pairs proposed by matching wait for a decision.",
            proposed,
        )
        % {"count": proposed},
        f"{board}?{urlencode({'state': 'proposed'})}",
    )


def _incubations_at_risk(state: RoundState) -> ToDo | None:
    count = incubations_at_risk_count(programme=state.programme)
    if not count:
        return None
    desk = reverse("incubation:desk", kwargs={"slug": state.programme.slug})
    return ToDo(
        ngettext(
            "%(count)d incubation is at risk (no check-in, low confidence, overdue "
            "milestones or no recent meeting).",
            "%(count)d incubations are at risk (no check-in, low confidence, overdue "
            "milestones or no recent meeting).",
            count,
        )
        % {"count": count},
        f"{desk}?{urlencode({'at_risk': 'on'})}",
    )


def todos(state: RoundState) -> list[ToDo]:
    """What needs doing now, in the order of the round."""
    found = []
    for progress in state.calls:
        found.extend([_screening(progress), _reviews(progress), _decisions(progress)])
    found.append(_matches(state))
    found.append(_incubations_at_risk(state))
    return [todo for todo in found if todo is not None]
