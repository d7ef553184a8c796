"""Reads for the owner team's drafting pages: only a team's own submissions, and files
only for the owner team and the secretariat."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from incubator.models import Theme, User
from submissions.access import may_see_submission_files, visible_submissions
from submissions.models import Submission


def submissions_of_member(*, model: type[Submission], user: User) -> QuerySet[Submission]:
    return (
        visible_submissions(model=model, user=user)
        .select_related("organisation", "call__programme")
        .prefetch_related(Prefetch("themes", Theme.objects.order_by("name")))
    )


def submission_for_member(*, model: type[Submission], user: User, pk: int) -> Submission:
    """One of the person's teams' submissions; 404 for anyone else's, whatever its id."""
    return get_object_or_404(submissions_of_member(model=model, user=user), pk=pk)


def attachment_for_viewer(*, model: type[Submission], user: User, submission_pk: int, pk: int):
    owner = model.attachments.field.name
    attachment = get_object_or_404(
        model.attachments.rel.related_model.objects.select_related(f"{owner}__organisation"),
        pk=pk,
        **{f"{owner}_id": submission_pk},
    )
    if not may_see_submission_files(user, getattr(attachment, owner)):
        raise Http404
    return attachment


def attachment_for_owner(*, submission: Submission, pk: int):
    """A file of a submission already found for its team; 404 for another's file."""
    return get_object_or_404(submission.attachments, pk=pk)


def step_initial(*, drafting, step, submission: Submission, names) -> dict:
    """What a step's form shows before the team changes it: its saved answers."""
    if step.initial:
        return step.initial(submission)
    return {
        name: list(getattr(submission, name).all())
        if name in drafting.relations
        else getattr(submission, name)
        for name in names
    }
