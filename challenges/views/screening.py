"""The secretariat's screening desk: the queue of submitted challenges, filtered and
exported, one challenge with its checklist and audit trail. The moves, of one challenge
or of the ticked ones, are in challenges.views.moves."""

import csv
from datetime import UTC
from urllib.parse import urlencode, urlsplit

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import QueryDict, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from challenges.filters import ScreeningFilter
from challenges.models import Challenge
from challenges.screening_forms import (
    ELIGIBILITY_CHECKS,
    MOVES,
    ActionForm,
    BulkActionForm,
    ScreeningForm,
)
from challenges.selectors import challenges_for_desk
from challenges.services import challenge_screen
from incubator.access import secretariat_required
from incubator.forms.errors import refusal_text
from incubator.regions import REGION_NAMES, region_of
from incubator.selectors.audit import audit_entries_of
from incubator.views.confirmation import form_receiver
from submissions.models import SubmissionState

PAGE_SIZE = 50
# Outside the f-strings that use them, where gettext's extractor can find them.
YES, NO = gettext_lazy("yes"), gettext_lazy("no")
S = SubmissionState

# What each move needs the challenge to be in (submitted ones pass through screening).
MOVE_FROM = {
    "review": frozenset({S.SUBMITTED, S.SCREENING}),
    "publish": frozenset({S.SUBMITTED, S.SCREENING, S.IN_REVIEW, S.SHORTLISTED}),
    "decline": frozenset({S.SUBMITTED, S.SCREENING, S.IN_REVIEW, S.SHORTLISTED}),
}
AUDIT_ACTIONS = {
    "challenge.started": gettext_lazy("Started"),
    "challenge.edited": gettext_lazy("Answers changed"),
    "challenge.attachment_added": gettext_lazy("File added"),
    "challenge.attachment_removed": gettext_lazy("File removed"),
    "challenge.submitted": gettext_lazy("Submitted"),
    "challenge.screening": gettext_lazy("Entered screening"),
    "challenge.screened": gettext_lazy("Eligibility checklist recorded"),
    "challenge.in_review": gettext_lazy("Moved to review"),
    "challenge.shortlisted": gettext_lazy("Shortlisted"),
    "challenge.selected": gettext_lazy("Selected"),
    "challenge.published": gettext_lazy("Published"),
    "challenge.declined": gettext_lazy("Declined"),
    "challenge.withdrawn": gettext_lazy("Withdrawn"),
}


# The queue ------------------------------------------------------------------------------


def queue_page(request, params: QueryDict, *, bulk_form: BulkActionForm, next_url: str):
    filterset = ScreeningFilter(params, queryset=challenges_for_desk())
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(params.get("page"))
    return render(
        request,
        "challenges/screening/queue.html",
        {
            # ``form`` is the one whose errors the page title and the summary announce.
            "form": bulk_form if bulk_form.errors else filterset.form,
            "filter_form": filterset.form,
            "bulk_form": bulk_form,
            "page": page,
            "query_string": urlencode(filterset.active),
            "next_url": next_url,
            "ticked": set(bulk_form.data.getlist("challenges")) if bulk_form.is_bound else set(),
        },
    )


@secretariat_required
@require_safe
def queue(request):
    return queue_page(
        request, request.GET, bulk_form=BulkActionForm(), next_url=request.get_full_path()
    )


def safe_next(request, url: str) -> str:
    """The queue address the form came from, if it is one of ours; the bare queue else."""
    queue_url = reverse("challenges:screening_queue")
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if allowed and urlsplit(url).path == queue_url:
        return url
    return queue_url


# The CSV export -------------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    """A value as a spreadsheet cell that can never run as a formula."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _utc(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else ""


def _eligibility_text(eligibility: dict) -> str:
    return "; ".join(
        f"{label}: {YES if eligibility[key] else NO}"
        for key, label in ELIGIBILITY_CHECKS
        if key in eligibility
    )


def _csv_columns():
    """Header and how to read each cell from a challenge, in the export's order."""
    return [
        (_("ID"), lambda c: c.pk),
        (_("Title"), lambda c: c.title),
        (_("Summary"), lambda c: c.summary),
        (_("Team"), lambda c: c.organisation.name),
        (_("Country"), lambda c: c.organisation.country.name),
        (_("Region"), lambda c: REGION_NAMES.get(region_of(c.organisation.country.code), "")),
        (_("Level of government"), lambda c: c.organisation.get_level_display()),
        (_("Call"), lambda c: c.call.title_shown),
        (_("State"), lambda c: c.get_status_display()),
        (_("Submitted at (UTC)"), lambda c: _utc(c.submitted_at)),
        (_("Published at (UTC)"), lambda c: _utc(c.published_at)),
        (_("Decided at (UTC)"), lambda c: _utc(c.decided_at)),
        (_("Reason for the decision"), lambda c: c.decision_reason),
        (_("Lifecycle stage"), lambda c: c.get_lifecycle_stage_display()),
        (_("Sector"), lambda c: c.get_sector_display()),
        (_("Themes"), lambda c: "; ".join(theme.name_shown for theme in c.themes.all())),
        (_("Working languages (ISO 639-1)"), lambda c: "; ".join(c.languages or [])),
        (_("Solution providers wanted"), lambda c: c.providers_wanted),
        (_("Problem statement"), lambda c: c.problem_statement),
        (_("Context"), lambda c: c.context),
        (_("What has been tried"), lambda c: c.tried),
        (_("Constraints"), lambda c: c.constraints),
        (_("Expertise sought"), lambda c: c.expertise_sought),
        (_("Hoped-for outcome"), lambda c: c.hoped_outcome),
        (_("Preferred meeting windows"), lambda c: c.meeting_windows),
        (_("Written in"), lambda c: c.get_written_in_display()),
        (_("Contacts"), lambda c: "; ".join(person.email for person in c.contacts.all())),
        (_("Eligibility"), lambda c: _eligibility_text(c.eligibility or {})),
        (_("Screening note"), lambda c: c.screening_note),
    ]


class _Echo:
    """A file that hands back what is written to it, for csv.writer to stream through."""

    def write(self, value: str) -> str:
        return value


def _csv_rows(challenges, columns, language):
    writer = csv.writer(_Echo())
    # The rows are written after the view has returned: keep the viewer's language.
    with translation.override(language):
        yield "\ufeff" + writer.writerow([_cell(header) for header, _read in columns])
        for challenge in challenges.iterator(chunk_size=500):
            yield writer.writerow([_cell(read(challenge)) for _header, read in columns])


@secretariat_required
@require_safe
def export_csv(request):
    filterset = ScreeningFilter(request.GET, queryset=challenges_for_desk())
    if not filterset.is_valid():
        messages.error(request, _("Correct the filters before downloading the list."))
        return redirect(f"{reverse('challenges:screening_queue')}?{request.GET.urlencode()}")
    challenges = filterset.qs.prefetch_related("contacts")
    response = StreamingHttpResponse(
        _csv_rows(challenges, _csv_columns(), translation.get_language()),
        content_type="text/csv; charset=utf-8",
    )
    filename = f"challenges-{timezone.now():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# One challenge --------------------------------------------------------------------------


def challenge_on_desk(pk: int) -> Challenge:
    return get_object_or_404(challenges_for_desk(), pk=pk)


def _audit_details(entry) -> list[str]:
    """An audit entry's details as short sentences."""
    details = entry.details or {}
    labels = dict(ELIGIBILITY_CHECKS)
    lines = []
    if details.get("from") and details.get("to"):
        lines.append(
            _("From “%(from)s” to “%(to)s”")
            % {"from": _state_label(details["from"]), "to": _state_label(details["to"])}
        )
    if details.get("reason"):
        lines.append(_("Reason: %(reason)s") % {"reason": details["reason"]})
    for key, passed in (details.get("eligibility") or {}).items():
        lines.append(f"{labels.get(key, key)}: {YES if passed else NO}")
    if details.get("note"):
        lines.append(_("Note: %(note)s") % {"note": details["note"]})
    if details.get("fields"):
        lines.append(_("Answers: %(fields)s") % {"fields": ", ".join(details["fields"])})
    if details.get("file"):
        lines.append(_("File: %(file)s") % {"file": details["file"]})
    known = {"from", "to", "reason", "eligibility", "note", "fields", "file"}
    lines.extend(f"{key}: {value}" for key, value in details.items() if key not in known and value)
    return lines


def _state_label(value: str) -> str:
    try:
        return SubmissionState(value).label
    except ValueError:
        return value


def _audit_trail(challenge: Challenge) -> list[dict]:
    entries = audit_entries_of(target=challenge)
    return [
        {
            "entry": entry,
            "what": AUDIT_ACTIONS.get(entry.action, entry.action),
            "details": _audit_details(entry),
        }
        for entry in entries.order_by("-created_at", "-pk")
    ]


def detail_page(request, challenge, *, screening_form=None, action_form=None):
    screening_form = screening_form or ScreeningForm(challenge=challenge)
    action_form = action_form or ActionForm()
    moves = [(name, label) for name, label in MOVES if challenge.status in MOVE_FROM[name]]
    return render(
        request,
        "challenges/screening/detail.html",
        {
            "challenge": challenge,
            # ``form`` is the one whose errors the page title and the summary announce.
            "form": action_form if action_form.errors else screening_form,
            "screening_form": screening_form,
            "action_form": action_form,
            "moves": moves,
            "region": REGION_NAMES.get(region_of(challenge.organisation.country.code), ""),
            "attachments": challenge.attachments.all(),
            "contacts": challenge.contacts.order_by("email"),
            "audit_trail": _audit_trail(challenge),
        },
    )


@secretariat_required
@require_safe
def detail(request, pk):
    return detail_page(request, challenge_on_desk(pk))


@secretariat_required
@form_receiver("challenges:screening_detail", pk="pk")
def act(request, pk):
    """The eligibility checklist and note; the moves have their own confirmation page
    (challenges.views.moves)."""
    challenge = challenge_on_desk(pk)
    form = ScreeningForm(request.POST)
    if not form.is_valid():
        return detail_page(request, challenge, screening_form=form)
    try:
        challenge_screen(
            challenge=challenge,
            by=request.user,
            eligibility=form.eligibility(),
            note=form.cleaned_data["note"].strip(),
        )
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(
            request, _("The screening of “%(title)s” is saved.") % {"title": challenge.title}
        )
    return redirect("challenges:screening_detail", pk=challenge.pk)
