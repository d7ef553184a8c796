"""The owner team's side: start a challenge, fill it in step by step, add files,
check the answers, submit, withdraw."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from challenges import forms
from challenges.selectors import attachment_for_viewer, challenge_for_member, challenges_of_member
from challenges.services import (
    MAX_ATTACHMENTS,
    challenge_attachment_add,
    challenge_attachment_remove,
    challenge_start,
    challenge_submit,
    challenge_update,
    challenge_withdraw,
    missing_answers,
)
from incubator.models import Call, Organisation
from incubator.models.programmes import CallKind

# slug, title, the fields of that step
STEPS = [
    ("about", gettext_lazy("About the challenge"), forms.about_fields),
    ("problem", gettext_lazy("The problem"), forms.problem_fields),
    ("help", gettext_lazy("The help you seek"), forms.help_fields),
    ("people", gettext_lazy("Contact people"), None),
]
STEP_SLUGS = [slug for slug, _title, _fields in STEPS]

NEXT_STEPS = {
    "draft": gettext_lazy("Finish the answers and submit before the deadline."),
    "submitted": gettext_lazy(
        "The secretariat screens submissions after the deadline. Your team can still edit "
        "until then."
    ),
    "screening": gettext_lazy("The secretariat is checking eligibility."),
    "in_review": gettext_lazy("The advisory board is reviewing your challenge."),
    "shortlisted": gettext_lazy("Your challenge is shortlisted; a decision follows."),
    "selected": gettext_lazy("Selected: teams abroad can now offer to help."),
    "declined": gettext_lazy("Not taken forward in this round."),
    "withdrawn": gettext_lazy("Withdrawn by your team."),
}


def _fields_for(step, challenge):
    builder = {slug: fields for slug, _title, fields in STEPS}[step]
    return builder() if builder else forms.people_fields(challenge.organisation)


def _initial(challenge, fields):
    initial = {}
    for name in fields:
        if name in ("themes", "contacts"):
            initial[name] = list(getattr(challenge, name).all())
        else:
            initial[name] = getattr(challenge, name)
    return initial


@login_required
def my_challenges(request):
    challenges = challenges_of_member(user=request.user)
    return render(
        request,
        "challenges/team/list.html",
        {"challenges": challenges, "next_steps": NEXT_STEPS},
    )


@login_required
def challenge_new(request):
    organisations = list(Organisation.objects.filter(memberships__user=request.user))
    calls = list(
        Call.objects.filter(kind=CallKind.CHALLENGES)
        .select_related("programme")
        .order_by("closes_at")
    )
    open_calls = [call for call in calls if call.state == "open"]
    if not organisations or not open_calls:
        return render(
            request,
            "challenges/team/cannot_start.html",
            {"has_team": bool(organisations), "calls": calls},
        )
    form = forms.ChallengeStartForm(
        request.POST or None,
        organisations=Organisation.objects.filter(pk__in=[o.pk for o in organisations]),
        calls=Call.objects.filter(pk__in=[c.pk for c in open_calls]),
    )
    if request.method == "POST" and form.is_valid():
        try:
            challenge = challenge_start(by=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, ValidationError(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("Your draft is saved. Continue with the questions."))
            return redirect("challenge_step", pk=challenge.pk, step=STEP_SLUGS[0])
    return render(request, "challenges/team/new.html", {"form": form})


@login_required
def challenge_overview(request, pk):
    challenge = challenge_for_member(user=request.user, pk=pk)
    return render(
        request,
        "challenges/team/overview.html",
        {
            "challenge": challenge,
            "next_step": NEXT_STEPS[challenge.status],
            "steps": STEPS,
            "attachments": challenge.attachments.all(),
            "missing": missing_answers(challenge),
        },
    )


def _editable_or_redirect(request, challenge):
    if challenge.is_editable_by_owner:
        return None
    messages.warning(
        request,
        _(
            "This challenge can no longer be changed: the call has closed or a decision has "
            "been made."
        ),
    )
    return redirect("challenge_overview", pk=challenge.pk)


@login_required
def challenge_step(request, pk, step):
    challenge = challenge_for_member(user=request.user, pk=pk)
    if step not in STEP_SLUGS:
        return redirect("challenge_step", pk=pk, step=STEP_SLUGS[0])
    blocked = _editable_or_redirect(request, challenge)
    if blocked:
        return blocked
    fields = _fields_for(step, challenge)
    form = forms.StepForm(request.POST or None, fields=fields, initial=_initial(challenge, fields))
    if request.method == "POST" and form.is_valid():
        try:
            challenge_update(challenge=challenge, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied as error:
            raise error
        else:
            if "save_draft" in request.POST:
                messages.success(request, _("Saved. You or a colleague can continue later."))
                return redirect("challenge_overview", pk=pk)
            position = STEP_SLUGS.index(step)
            if position + 1 < len(STEP_SLUGS):
                return redirect("challenge_step", pk=pk, step=STEP_SLUGS[position + 1])
            return redirect("challenge_files", pk=pk)
    return render(
        request,
        "challenges/team/step.html",
        {
            "challenge": challenge,
            "form": form,
            "step": step,
            "step_title": {s: t for s, t, _f in STEPS}[step],
            "steps": STEPS,
            "position": STEP_SLUGS.index(step) + 1,
            "step_count": len(STEPS) + 2,
        },
    )


@login_required
def challenge_files(request, pk):
    challenge = challenge_for_member(user=request.user, pk=pk)
    blocked = request.method == "POST" and _editable_or_redirect(request, challenge)
    if blocked:
        return blocked
    form = forms.AttachmentForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                attachment = challenge_attachment_add(
                    challenge=challenge, by=request.user, upload=form.cleaned_data["file"]
                )
            except ValidationError as error:
                form.add_error("file", error)
            else:
                messages.success(
                    request, _("“%(name)s” is added.") % {"name": attachment.original_name}
                )
                return redirect("challenge_files", pk=pk)
        status = 400
    return render(
        request,
        "challenges/team/files.html",
        {
            "challenge": challenge,
            "form": form,
            "attachments": challenge.attachments.all(),
            "max_attachments": MAX_ATTACHMENTS,
            "steps": STEPS,
            "step": "files",
        },
        status=status,
    )


@login_required
@require_POST
def challenge_file_remove(request, pk, file_pk):
    challenge = challenge_for_member(user=request.user, pk=pk)
    attachment = get_object_or_404(challenge.attachments, pk=file_pk)
    try:
        challenge_attachment_remove(attachment=attachment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The file is removed."))
    return redirect("challenge_files", pk=pk)


@login_required
def challenge_check(request, pk):
    challenge = challenge_for_member(user=request.user, pk=pk)
    problem = None
    if request.method == "POST":
        try:
            challenge_submit(challenge=challenge, by=request.user)
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            messages.success(
                request,
                _(
                    "Your challenge is submitted. A confirmation with a copy of your answers is "
                    "on its way to every member of your team."
                ),
            )
            return redirect("challenge_overview", pk=pk)
    return render(
        request,
        "challenges/team/check.html",
        {
            "challenge": challenge,
            "missing": missing_answers(challenge),
            "problem": problem,
            "steps": STEPS,
            "step": "check",
            "attachments": challenge.attachments.all(),
        },
        status=400 if problem else 200,
    )


@login_required
def challenge_withdraw_view(request, pk):
    challenge = challenge_for_member(user=request.user, pk=pk)
    form = forms.DeclineOrWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            challenge_withdraw(challenge=challenge, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The challenge is withdrawn."))
            return redirect("challenge_overview", pk=pk)
    return render(request, "challenges/team/withdraw.html", {"challenge": challenge, "form": form})


@login_required
def attachment_download(request, pk, file_pk):
    attachment = attachment_for_viewer(user=request.user, challenge_pk=pk, pk=file_pk)
    return FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name
    )
