"""The owner team's pages for drafting a submission, shared by challenges and solution
proposals: my team's list, start, fill in step by step, add files, check and submit,
withdraw, download a file. Each kind describes its steps, wording and addresses once in
a ``DraftingPages`` and gets its URL patterns from ``urls()``."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from incubator.forms.fields import CountedTextField
from incubator.models import Call, Organisation, Submission, User
from incubator.selectors.drafting import (
    attachment_for_viewer,
    submission_for_member,
    submissions_of_member,
)
from incubator.services.drafting import (
    MAX_ATTACHMENTS,
    Drafting,
    submission_attachment_add,
    submission_attachment_remove,
    submission_missing_answers,
    submission_start,
    submission_submit,
    submission_update,
    submission_withdraw,
)

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


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    # Builds the step's form fields for one submission.
    fields: Callable[[Submission], dict[str, forms.Field]]
    # For steps whose fields are not the answers themselves (three ranked choices that
    # save as one ranked relation): the form's initial values, and the answers it gives.
    initial: Callable[[Submission], dict] | None = None
    answers: Callable[[dict], dict] | None = None


class StepForm(forms.Form):
    def __init__(self, *args, fields, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(fields)


class StartForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Government team"), queryset=Organisation.objects.none()
    )
    call = forms.ModelChoiceField(label=_("Call"), queryset=None)
    title = CountedTextField(
        label=_("Title"), max_length=150, multiline=False, help_text=_("You can change it later.")
    )

    def __init__(self, *args, organisations, calls, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["call"].queryset = calls
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0]
        if len(calls) == 1:
            self.fields["call"].initial = calls[0]


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Add a file"),
        help_text=_(
            "PDF, Word (DOCX), PowerPoint (PPTX), OpenDocument text (ODT), PNG or JPEG; "
            "up to 20 MB each, 5 files in all."
        ),
    )


def contact_fields(submission: Submission) -> dict[str, forms.Field]:
    return {
        "contacts": forms.ModelMultipleChoiceField(
            label=_("Contact people"),
            queryset=User.objects.filter(
                memberships__organisation=submission.organisation
            ).order_by("display_name", "email"),
            widget=forms.CheckboxSelectMultiple,
            required=False,
            help_text=_(
                "Who other teams and the secretariat should talk to. Colleagues appear "
                "here once they have joined your team."
            ),
        ),
    }


def confirm_form(label: str) -> type[forms.Form]:
    return type("ConfirmForm", (forms.Form,), {"confirm": forms.BooleanField(label=label)})


@dataclass(frozen=True)
class DraftingPages:
    drafting: Drafting
    # URL names are "<prefix>_<page>", the list is "my_<plural>".
    prefix: str
    plural: str
    steps: tuple[Step, ...]
    # The kind's own summary of answers, included on the overview and the check page.
    answers_template: str
    # Full sentences in the kind's own words, translatable as a whole.
    words: dict[str, str]
    next_steps: dict[str, str] = field(default_factory=lambda: dict(NEXT_STEPS))

    # Addresses -------------------------------------------------------------------------

    def urls(self) -> list:
        return [
            path("", self.my_list, name=f"my_{self.plural}"),
            path("new/", self.start, name=self.url("new")),
            path("<int:pk>/", self.overview, name=self.url("overview")),
            path("<int:pk>/step/<slug:step>/", self.step, name=self.url("step")),
            path("<int:pk>/files/", self.files, name=self.url("files")),
            path(
                "<int:pk>/files/<int:file_pk>/remove/",
                self.file_remove,
                name=self.url("file_remove"),
            ),
            path("<int:pk>/check/", self.check, name=self.url("check")),
            path("<int:pk>/withdraw/", self.withdraw, name=self.url("withdraw")),
        ]

    def url(self, page: str) -> str:
        return f"{self.prefix}_{page}"

    def _names(self) -> dict[str, str]:
        pages = ("new", "overview", "step", "files", "file_remove", "check", "withdraw")
        return {
            "list": f"my_{self.plural}",
            "attachment": self.url("attachment"),
            **{page: self.url(page) for page in pages},
        }

    def _for_member(self, request, pk: int) -> Submission:
        return submission_for_member(model=self.drafting.model, user=request.user, pk=pk)

    # Pages -----------------------------------------------------------------------------

    def _render(self, request, page: str, context: dict, status: int = 200):
        submission = context.get("submission")
        return render(
            request,
            f"submissions/team/{page}.html",
            {
                **context,
                self.drafting.name: submission,
                "urls": self._names(),
                "words": self.words,
                "steps": self.steps,
                "answers_template": self.answers_template,
            },
            status=status,
        )

    def _editable_or_redirect(self, request, submission):
        if submission.is_editable_by_owner:
            return None
        messages.warning(request, self.words["cannot_change"])
        return redirect(self.url("overview"), pk=submission.pk)

    @property
    def my_list(self):
        @login_required
        def view(request):
            submissions = submissions_of_member(
                model=self.drafting.model, user=request.user
            ).order_by("-updated_at")
            return self._render(
                request, "list", {"submissions": submissions, "next_steps": self.next_steps}
            )

        return view

    @property
    def start(self):
        @login_required
        def view(request):
            organisations = Organisation.objects.filter(memberships__user=request.user)
            calls = list(
                Call.objects.filter(kind=self.drafting.call_kind)
                .select_related("programme")
                .order_by("closes_at")
            )
            open_calls = [call for call in calls if call.state == "open"]
            if not organisations.exists() or not open_calls:
                return self._render(
                    request,
                    "cannot_start",
                    {"has_team": organisations.exists(), "calls": calls},
                )
            form = StartForm(
                request.POST or None,
                organisations=organisations,
                calls=Call.objects.filter(pk__in=[call.pk for call in open_calls]),
            )
            if request.method == "POST" and form.is_valid():
                try:
                    submission = submission_start(
                        drafting=self.drafting, by=request.user, **form.cleaned_data
                    )
                except (ValidationError, PermissionDenied) as error:
                    form.add_error(None, ValidationError(getattr(error, "messages", [str(error)])))
                else:
                    messages.success(
                        request, _("Your draft is saved. Continue with the questions.")
                    )
                    return redirect(self.url("step"), pk=submission.pk, step=self.steps[0].slug)
            return self._render(request, "new", {"form": form})

        return view

    @property
    def overview(self):
        @login_required
        def view(request, pk):
            submission = self._for_member(request, pk)
            return self._render(
                request,
                "overview",
                {
                    "submission": submission,
                    "next_step": self.next_steps[submission.status],
                    "missing": submission_missing_answers(
                        drafting=self.drafting, submission=submission
                    ),
                },
            )

        return view

    @property
    def step(self):
        @login_required
        def view(request, pk, step):
            submission = self._for_member(request, pk)
            slugs = [s.slug for s in self.steps]
            if step not in slugs:
                return redirect(self.url("step"), pk=pk, step=slugs[0])
            blocked = self._editable_or_redirect(request, submission)
            if blocked:
                return blocked
            current = self.steps[slugs.index(step)]
            fields = current.fields(submission)
            initial = (
                current.initial(submission)
                if current.initial
                else {
                    name: list(getattr(submission, name).all())
                    if name in self.drafting.relations
                    else getattr(submission, name)
                    for name in fields
                }
            )
            form = StepForm(request.POST or None, fields=fields, initial=initial)
            if request.method == "POST" and form.is_valid():
                try:
                    submission_update(
                        drafting=self.drafting,
                        submission=submission,
                        by=request.user,
                        **(current.answers or dict)(form.cleaned_data),
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    if "save_draft" in request.POST:
                        messages.success(
                            request, _("Saved. You or a colleague can continue later.")
                        )
                        return redirect(self.url("overview"), pk=pk)
                    position = slugs.index(step)
                    if position + 1 < len(slugs):
                        return redirect(self.url("step"), pk=pk, step=slugs[position + 1])
                    return redirect(self.url("files"), pk=pk)
            return self._render(
                request,
                "step",
                {
                    "submission": submission,
                    "form": form,
                    "step": step,
                    "step_title": current.title,
                    "position": slugs.index(step) + 1,
                    "step_count": len(slugs) + 2,
                },
            )

        return view

    @property
    def files(self):
        @login_required
        def view(request, pk):
            submission = self._for_member(request, pk)
            blocked = request.method == "POST" and self._editable_or_redirect(request, submission)
            if blocked:
                return blocked
            form = AttachmentForm(request.POST or None, request.FILES or None)
            status = 200
            if request.method == "POST":
                if form.is_valid():
                    try:
                        attachment = submission_attachment_add(
                            drafting=self.drafting,
                            submission=submission,
                            by=request.user,
                            upload=form.cleaned_data["file"],
                        )
                    except ValidationError as error:
                        form.add_error("file", error)
                    else:
                        messages.success(
                            request, _("“%(name)s” is added.") % {"name": attachment.original_name}
                        )
                        return redirect(self.url("files"), pk=pk)
                status = 400
            return self._render(
                request,
                "files",
                {
                    "submission": submission,
                    "form": form,
                    "attachments": submission.attachments.all(),
                    "max_attachments": MAX_ATTACHMENTS,
                    "step": "files",
                },
                status=status,
            )

        return view

    @property
    def file_remove(self):
        @login_required
        @require_POST
        def view(request, pk, file_pk):
            submission = self._for_member(request, pk)
            attachment = get_object_or_404(submission.attachments, pk=file_pk)
            try:
                submission_attachment_remove(
                    drafting=self.drafting, attachment=attachment, by=request.user
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The file is removed."))
            return redirect(self.url("files"), pk=pk)

        return view

    @property
    def check(self):
        @login_required
        def view(request, pk):
            submission = self._for_member(request, pk)
            problem = None
            if request.method == "POST":
                try:
                    submission_submit(
                        drafting=self.drafting, submission=submission, by=request.user
                    )
                except ValidationError as error:
                    problem = " ".join(error.messages)
                else:
                    messages.success(request, self.words["submitted"])
                    return redirect(self.url("overview"), pk=pk)
            return self._render(
                request,
                "check",
                {
                    "submission": submission,
                    "missing": submission_missing_answers(
                        drafting=self.drafting, submission=submission
                    ),
                    "problem": problem,
                    "step": "check",
                    "attachments": submission.attachments.all(),
                },
                status=400 if problem else 200,
            )

        return view

    @property
    def withdraw(self):
        @login_required
        def view(request, pk):
            submission = self._for_member(request, pk)
            form = confirm_form(self.words["withdraw_confirm"])(request.POST or None)
            if request.method == "POST" and form.is_valid():
                try:
                    submission_withdraw(submission=submission, by=request.user)
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(request, self.words["withdrawn"])
                    return redirect(self.url("overview"), pk=pk)
            return self._render(request, "withdraw", {"submission": submission, "form": form})

        return view

    @property
    def attachment_download(self):
        def view(request, pk, file_pk):
            attachment = attachment_for_viewer(
                model=self.drafting.model, user=request.user, submission_pk=pk, pk=file_pk
            )
            return FileResponse(
                attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name
            )

        return view
