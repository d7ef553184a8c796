"""Every state the portal shows as a badge and the tone it is shown in. A tone is told by
three things together, never by colour alone: a mark (✓ ◔ ✕ ! ○), a shape (filled pill,
dashed pill, square outline, filled square, plain outline) and a colour; the text is
always written out. The shapes and colours are in static/css/portal.css (.status--*).

A value with no tone is a mistake: ``tone_of`` raises rather than guess, and
tests/incubator/test_status.py checks that every choice of every state shown as a badge
has one."""

from enum import StrEnum


class Tone(StrEnum):
    DONE = "done"  # a good end or a working state: selected, confirmed, sent, open
    WAITING = "waiting"  # someone still has to act: submitted, in review, pending
    STOPPED = "stopped"  # an end that is not a success: declined, failed, cancelled
    ATTENTION = "attention"  # needs looking at now: overdue, at risk
    NEUTRAL = "neutral"  # nothing to do or judge: draft, upcoming, closed


MARKS = {
    Tone.DONE: "✓",
    Tone.WAITING: "◔",
    Tone.STOPPED: "✕",
    Tone.ATTENTION: "!",
    Tone.NEUTRAL: "○",
}

_BY_TONE = {
    Tone.DONE: (
        "selected",  # submissions and challenges
        "confirmed",  # matches, the matching board
        "done",  # match runs, milestones
        "fixed",  # meetings
        "held",  # a fixed meeting whose time has passed
        "active",  # incubations
        "open",  # calls and review phases
        "sent",  # the outbox
        "registered",  # cohort sessions
        "approved",  # stories (shown as "Published")
        "review_submitted",  # a reviewer's review
        "released",  # a decision told to the team
        "answered",  # messages to the secretariat
    ),
    Tone.WAITING: (
        "submitted",  # submissions, challenges, stories
        "screening",
        "in_review",
        "shortlisted",
        "queued",  # match runs
        "running",
        "proposed",  # matches, the matching board
        "partly",  # the matching board
        "in_progress",  # milestones
        "polling",  # meetings
        "starting",  # incubations
        "paused",
        "closing",
        "pending",  # the outbox
        "waitlisted",  # cohort sessions
        "review_draft",  # a reviewer's review, saved as a draft
        "staged",  # a decision not released yet
        "new",  # a message to the secretariat not answered yet
    ),
    Tone.STOPPED: (
        "declined",
        "withdrawn",
        "failed",  # match runs, the outbox
        "rejected",  # matches; stories (shown as "Sent back")
        "dropped",  # milestones
        "cancelled",  # meetings, sessions, registrations
    ),
    Tone.ATTENTION: (
        "overdue",  # a milestone past its date
        "at_risk",  # an incubation's risks
        "unsuitable",  # a session time outside working hours or on a weekend
    ),
    Tone.NEUTRAL: (
        "draft",  # submissions, challenges, stories
        "upcoming",  # calls and review phases
        "planned",  # milestones not started
        "closed",  # calls, review phases, incubations
        "unpaired",  # the matching board: no pair
        "review_not_started",
        "review_not_needed",  # the submission left review before the review was done
        "not_wanted",  # the outbox: kept for the notifications page, not emailed
    ),
}

TONES: dict[str, Tone] = {value: tone for tone, values in _BY_TONE.items() for value in values}


class UnknownState(LookupError):
    pass


def tone_of(value) -> Tone:
    try:
        return TONES[str(value)]
    except KeyError:
        raise UnknownState(f"no badge tone for the state {value!r}; add it to TONES") from None


def completion(done: int | None, total: int) -> int | None:
    """``done`` of ``total`` in whole percent: never 100 before all is done, nor 0 once
    something is; None when not known or there is nothing to do."""
    if done is None or not total:
        return None
    percent = round(100 * done / total)
    if done < total:
        return min(max(percent, 1 if done else 0), 99)
    return percent
