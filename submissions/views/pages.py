"""How a kind of submission describes its drafting pages once: its steps, its wording
as whole translatable sentences, and its URL namespace."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext_lazy as _

from submissions.services.drafting import Drafting

NEXT_STEPS = {
    "draft": _("Finish the answers and submit before the deadline."),
    "submitted": _(
        "The secretariat screens submissions after the deadline. Your team can still edit "
        "until then."
    ),
    "screening": _("The secretariat is checking eligibility."),
    "in_review": _("The advisory board is reviewing your submission."),
    "shortlisted": _("Your submission is shortlisted; a decision follows."),
    "selected": _("Selected: the secretariat will be in touch about the next steps."),
    "declined": _("Not taken forward in this round."),
    "withdrawn": _("Withdrawn by your team."),
}
# The pages every kind has, named inside the kind's URL namespace.
PAGES = ("mine", "new", "overview", "step", "files", "file_remove", "check", "withdraw")


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    # Builds the step's form fields for one submission.
    fields: Callable[..., dict[str, forms.Field]]
    # For steps whose fields are not the answers themselves (three ranked choices that
    # save as one ranked relation): the form's initial values, and the answers it gives.
    initial: Callable[..., dict] | None = None
    answers: Callable[[dict], dict] | None = None


@dataclass(frozen=True)
class DraftingPages:
    drafting: Drafting
    namespace: str
    steps: tuple[Step, ...]
    # The kind's own summary of answers, included on the overview and the check page.
    answers_template: str
    words: dict[str, str]
    next_steps: dict[str, str] = field(default_factory=lambda: dict(NEXT_STEPS))

    def url(self, page: str) -> str:
        return f"{self.namespace}:{page}"

    def url_names(self) -> dict[str, str]:
        return {page: self.url(page) for page in (*PAGES, "attachment")}

    def step_slugs(self) -> list[str]:
        return [step.slug for step in self.steps]
