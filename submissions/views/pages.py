"""How a kind of submission describes its drafting pages once: its steps, its wording
as whole translatable sentences, and its URL namespace."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.urls import reverse
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
    # An answer the step asks under another field's name: {"interests": "choice_1"}.
    stands_for: dict[str, str] = field(default_factory=dict)

    def field_for(self, answer: str, submission) -> str | None:
        """The form field of this step that asks the answer, if the step asks it."""
        if answer in self.stands_for:
            return self.stands_for[answer]
        return answer if answer in self.fields(submission) else None


@dataclass(frozen=True)
class Unanswered:
    """An answer still needed to submit, and where the team gives it."""

    label: str
    url: str


@dataclass(frozen=True)
class DraftingPages:
    drafting: Drafting
    namespace: str
    steps: tuple[Step, ...]
    # The kind's own summary of answers, included on the overview and the check page.
    answers_template: str
    words: dict[str, str]
    next_steps: dict[str, str] = field(default_factory=lambda: dict(NEXT_STEPS))
    # Why each answer needed to submit is needed, told beside its field.
    reasons: dict[str, str] = field(default_factory=dict)

    def url(self, page: str) -> str:
        return f"{self.namespace}:{page}"

    def url_names(self) -> dict[str, str]:
        return {page: self.url(page) for page in (*PAGES, "attachment")}

    def step_slugs(self) -> list[str]:
        return [step.slug for step in self.steps]

    def needed_in(self, step: Step, submission) -> dict[str, str]:
        """The fields of a step needed to submit, each with the reason it is needed."""
        needed = {}
        for answer in (*self.drafting.required, *self.drafting.required_relations):
            name = step.field_for(answer, submission)
            if name:
                needed[name] = self.reasons.get(answer, "")
        return needed

    def unanswered(self, submission, names: list[str]) -> list[Unanswered]:
        """Each missing answer with a link to its field on the step that asks it."""
        meta = self.drafting.model._meta
        found = []
        for answer in names:
            label = str(meta.get_field(answer).verbose_name)
            for step in self.steps:
                name = step.field_for(answer, submission)
                if name:
                    form = forms.Form()
                    form.fields[name] = step.fields(submission)[name]
                    bound = form[name]
                    anchor = bound.id_for_label or f"{bound.auto_id}_0"
                    url = reverse(self.url("step"), args=[submission.pk, step.slug])
                    found.append(Unanswered(label=label, url=f"{url}#{anchor}"))
                    break
        return found
