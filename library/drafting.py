"""The panel beside a draft: past challenges close to what a challenge owner has written
so far, and who helped them; for a solution proposal, the challenges of its round
closest to the team's experience. Only what the library shows, so only public records."""

from django.urls import reverse

from library.models import EntryKind, LibraryEntry
from library.similar import closest_entries
from submissions.asides import Aside

SHOWN = 5
CHALLENGE_TEXT = ("title", "summary", "problem_statement", "context", "tried", "expertise_sought")
SOLUTION_TEXT = ("title", "summary", "comparable_problem", "what_they_did", "lessons")


def _text(submission, names) -> str:
    return " ".join(getattr(submission, name, "") or "" for name in names)


def similar_to_draft(*, kind: str, text: str, programme_id=None):
    """What the panel lists for a draft of this kind with this text (a draft is never in
    the library itself: only published challenges are)."""
    if kind == "solution":
        within = LibraryEntry.objects.filter(kind=EntryKind.CHALLENGE, programme_id=programme_id)
        return closest_entries(text=text, kinds=[EntryKind.CHALLENGE], limit=SHOWN, within=within)
    return closest_entries(text=text, kinds=[EntryKind.CHALLENGE], limit=SHOWN)


def similar_asides(submission) -> Aside | None:
    kind = submission._meta.model_name
    if kind not in ("challenge", "solution"):
        return None
    names = CHALLENGE_TEXT if kind == "challenge" else SOLUTION_TEXT
    entries = similar_to_draft(
        kind=kind,
        text=_text(submission, names),
        programme_id=submission.call.programme_id,
    )
    endpoint = reverse("library:similar")
    query = f"?for={kind}&call={submission.call_id}"
    return Aside(
        "library/_similar_aside.html",
        {"entries": entries, "kind": kind, "endpoint": endpoint + query},
    )
