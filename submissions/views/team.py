"""The owner team's drafting pages, shared by every kind of submission: my team's list,
start, answer step by step, add files, check and submit, withdraw, download a file.
Each view is given the kind's ``DraftingPages`` by ``drafting_urls``."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views import View

from incubator.downloads import file_download
from incubator.forms.errors import form_errors_add
from incubator.selectors.organisations import organisations_of
from incubator.selectors.programmes import calls_of_kind
from incubator.views.confirmation import Confirmation, ConfirmedAction
from submissions.asides import drafting_asides
from submissions.forms import AttachmentForm, ConfirmForm, StartForm, StepForm
from submissions.overview import overview_notes
from submissions.selectors import (
    attachment_for_owner,
    attachment_for_viewer,
    step_initial,
    submission_for_member,
    submissions_of_member,
)
from submissions.services.drafting import (
    MAX_ATTACHMENTS,
    submission_attachment_add,
    submission_attachment_remove,
    submission_start,
    submission_submit,
    submission_unanswered,
    submission_update,
    submission_withdraw,
)
from submissions.views.pages import DraftingPages


class DraftingView(LoginRequiredMixin, View):
    pages: DraftingPages = None  # given by ``drafting_urls``

    def submission(self, pk: int):
        model = self.pages.drafting.model
        return submission_for_member(model=model, user=self.request.user, pk=pk)

    def render(self, page: str, context: dict, status: int = 200):
        return render(
            self.request,
            f"submissions/team/{page}.html",
            {
                **context,
                self.pages.drafting.name: context.get("submission"),
                "urls": self.pages.url_names(),
                "words": self.pages.words,
                "steps": self.pages.steps,
                "answers_template": self.pages.answers_template,
            },
            status=status,
        )

    def unanswered(self, submission):
        names = submission_unanswered(drafting=self.pages.drafting, submission=submission)
        return self.pages.unanswered(submission, names)

    def to(self, page: str, **kwargs):
        return redirect(self.pages.url(page), **kwargs)

    def unless_editable(self, submission):
        """None while the team may change the submission, else where to send them."""
        if submission.is_editable_by_owner:
            return None
        messages.warning(self.request, self.pages.words["cannot_change"])
        return self.to("overview", pk=submission.pk)


class MyList(DraftingView):
    def get(self, request):
        submissions = submissions_of_member(model=self.pages.drafting.model, user=request.user)
        return self.render(
            "list",
            {
                "submissions": submissions.order_by("-updated_at"),
                "next_steps": self.pages.next_steps,
            },
        )


class Start(DraftingView):
    def get(self, request):
        return self.handle(request, posted=False)

    def post(self, request):
        return self.handle(request, posted=True)

    def handle(self, request, *, posted: bool):
        organisations = organisations_of(user=request.user)
        calls = calls_of_kind(kind=self.pages.drafting.call_kind)
        open_calls = [call for call in calls if call.is_open]
        if not organisations.exists() or not open_calls:
            context = {"has_team": organisations.exists(), "calls": calls}
            return self.render("cannot_start", context)
        form = StartForm(
            request.POST if posted else None,
            organisations=organisations,
            calls=calls.filter(pk__in=[call.pk for call in open_calls]),
        )
        if posted and form.is_valid():
            try:
                submission = submission_start(
                    drafting=self.pages.drafting, by=request.user, **form.cleaned_data
                )
            except (ValidationError, PermissionDenied) as error:
                form_errors_add(form, error)
            else:
                messages.success(request, _("Your draft is saved. Continue with the questions."))
                return self.to("step", pk=submission.pk, step=self.pages.steps[0].slug)
        return self.render("new", {"form": form})


class Overview(DraftingView):
    def get(self, request, pk):
        submission = self.submission(pk)
        notes = overview_notes(submission=submission)
        later = [note.next_step for note in notes if note.next_step]
        context = {
            "submission": submission,
            "next_step": later[-1] if later else self.pages.next_steps[submission.status],
            "notes": notes,
            "missing": self.unanswered(submission),
            "attachments": submission.attachments.all(),
        }
        return self.render("overview", context)


class StepPage(DraftingView):
    def get(self, request, pk, step):
        return self.handle(request, pk, step, posted=False)

    def post(self, request, pk, step):
        return self.handle(request, pk, step, posted=True)

    def handle(self, request, pk, step, *, posted: bool):
        submission = self.submission(pk)
        slugs = self.pages.step_slugs()
        if step not in slugs:
            return self.to("step", pk=pk, step=slugs[0])
        blocked = self.unless_editable(submission)
        if blocked:
            return blocked
        position = slugs.index(step)
        current = self.pages.steps[position]
        fields = current.fields(submission)
        initial = step_initial(
            drafting=self.pages.drafting, step=current, submission=submission, names=fields
        )
        form = StepForm(
            request.POST if posted else None,
            fields=fields,
            needed=self.pages.needed_in(current, submission),
            initial=initial,
        )
        if posted and form.is_valid():
            try:
                # A step's own answers may refuse the form (the same challenge chosen twice).
                answers = (current.answers or dict)(form.cleaned_data)
                submission_update(
                    drafting=self.pages.drafting, submission=submission, by=request.user, **answers
                )
            except ValidationError as error:
                form_errors_add(form, error)
            else:
                return self.after_save(request, pk, position)
        context = {
            "submission": submission,
            "form": form,
            "step": step,
            "step_title": current.title,
            "position": position + 1,
            "step_count": len(slugs) + 2,
            "asides": drafting_asides(submission=submission),
        }
        return self.render("step", context)

    def after_save(self, request, pk, position):
        if "save_draft" in request.POST:
            messages.success(request, _("Saved. You or a colleague can continue later."))
            return self.to("overview", pk=pk)
        slugs = self.pages.step_slugs()
        if "stay" in request.POST:  # an aside asked to look again at the saved draft
            messages.success(request, _("Saved."))
            return self.to("step", pk=pk, step=slugs[position])
        if position + 1 < len(slugs):
            return self.to("step", pk=pk, step=slugs[position + 1])
        return self.to("files", pk=pk)


class Files(DraftingView):
    def get(self, request, pk):
        return self.page(self.submission(pk), AttachmentForm())

    def post(self, request, pk):
        submission = self.submission(pk)
        blocked = self.unless_editable(submission)
        if blocked:
            return blocked
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                attachment = submission_attachment_add(
                    drafting=self.pages.drafting,
                    submission=submission,
                    by=request.user,
                    upload=form.cleaned_data["file"],
                )
            except ValidationError as error:
                form_errors_add(form, error, field="file")
            else:
                added = _("“%(name)s” is added.") % {"name": attachment.original_name}
                messages.success(request, added)
                return self.to("files", pk=pk)
        return self.page(submission, form, status=400)

    def page(self, submission, form, status: int = 200):
        context = {
            "submission": submission,
            "form": form,
            "attachments": submission.attachments.all(),
            "max_attachments": MAX_ATTACHMENTS,
            "step": "files",
        }
        return self.render("files", context, status=status)


class FileRemove(DraftingView, ConfirmedAction):
    """Removing a file deletes it: the page asks first, naming the file."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.submission_now = self.submission(kwargs["pk"])
            self.attachment = attachment_for_owner(
                submission=self.submission_now, pk=kwargs["file_pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def confirmation(self) -> Confirmation:
        return Confirmation(
            title=_("Remove “%(name)s”?") % {"name": self.attachment.original_name},
            button=_("Remove the file"),
            back_url=reverse(self.pages.url("files"), kwargs={"pk": self.submission_now.pk}),
            will_happen=[
                _("The file is deleted from “%(title)s”. This cannot be undone.")
                % {"title": self.submission_now.title}
            ],
        )

    def act(self):
        try:
            submission_attachment_remove(
                drafting=self.pages.drafting, attachment=self.attachment, by=self.request.user
            )
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
        else:
            messages.success(self.request, _("The file is removed."))
        return self.to("files", pk=self.submission_now.pk)


class Check(DraftingView):
    def get(self, request, pk):
        return self.page(self.submission(pk))

    def post(self, request, pk):
        submission = self.submission(pk)
        try:
            submission_submit(drafting=self.pages.drafting, submission=submission, by=request.user)
        except ValidationError as error:
            # Missing answers are listed with links to their fields; other refusals
            # (the call has closed) are said as the service says them.
            missing = self.unanswered(submission)
            return self.page(submission, problem=None if missing else " ".join(error.messages))
        messages.success(request, self.pages.words["submitted"])
        return self.to("overview", pk=pk)

    def page(self, submission, problem: str | None = None):
        missing = self.unanswered(submission)
        context = {
            "submission": submission,
            "missing": missing,
            "problem": problem,
            "refused": bool(problem) or (self.request.method == "POST" and bool(missing)),
            "step": "check",
            "attachments": submission.attachments.all(),
        }
        return self.render("check", context, status=400 if context["refused"] else 200)


class Withdraw(DraftingView):
    def get(self, request, pk):
        return self.page(self.submission(pk), self.form(None))

    def post(self, request, pk):
        submission = self.submission(pk)
        form = self.form(request.POST)
        if form.is_valid():
            try:
                submission_withdraw(submission=submission, by=request.user)
            except ValidationError as error:
                form_errors_add(form, error)
            else:
                messages.success(request, self.pages.words["withdrawn"])
                return self.to("overview", pk=pk)
        return self.page(submission, form)

    def form(self, data):
        return ConfirmForm(data, label=self.pages.words["withdraw_confirm"])

    def page(self, submission, form):
        return self.render("withdraw", {"submission": submission, "form": form})


class AttachmentDownload(View):
    """A file of a submission, for its owner team and the secretariat; 404 for others."""

    pages: DraftingPages = None

    def get(self, request, pk, file_pk):
        attachment = attachment_for_viewer(
            model=self.pages.drafting.model, user=request.user, submission_pk=pk, pk=file_pk
        )
        return file_download(attachment.file, filename=attachment.original_name)


def drafting_urls(pages: DraftingPages) -> list:
    """The owner team's pages of one kind, to include under its own address."""
    return [
        path("", MyList.as_view(pages=pages), name="mine"),
        path("new/", Start.as_view(pages=pages), name="new"),
        path("<int:pk>/", Overview.as_view(pages=pages), name="overview"),
        path("<int:pk>/step/<slug:step>/", StepPage.as_view(pages=pages), name="step"),
        path("<int:pk>/files/", Files.as_view(pages=pages), name="files"),
        path(
            "<int:pk>/files/<int:file_pk>/remove/",
            FileRemove.as_view(pages=pages),
            name="file_remove",
        ),
        path("<int:pk>/check/", Check.as_view(pages=pages), name="check"),
        path("<int:pk>/withdraw/", Withdraw.as_view(pages=pages), name="withdraw"),
    ]


def attachment_url(route: str, pages: DraftingPages):
    return path(route, AttachmentDownload.as_view(pages=pages), name="attachment")
