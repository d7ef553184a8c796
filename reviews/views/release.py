"""Releasing a call's staged decisions, behind a page that says what will happen, who
will be emailed and what is not ready yet; the message afterwards counts the emails
actually queued."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from incubator.audience import told
from incubator.models.programmes import CallKind, WindowState
from incubator.times import in_viewer_zone
from incubator.views.confirmation import Confirmation, ConfirmedAction, SecretariatOnly
from reviews import services
from reviews.selectors import ReleasePreview, call_for_review, release_preview
from reviews.views.common import refusal_report


def _nothing_sent(release: services.Release) -> str:
    if not release.already_released:
        return _("Nothing was sent: no decision is staged.")
    return ngettext(
        "Nothing was sent: the %(count)d decision of this call was already "
        "released, and no new one is staged.",
        "Nothing was sent: the %(count)d decisions of this call were already "
        "released, and no new one is staged.",
        release.already_released,
    ) % {"count": release.already_released}


def _will_happen(call, preview: ReleasePreview) -> list[str]:
    lines = []
    if preview.selected:
        lines.append(
            ngettext(
                "%(count)d submission is selected.",
                "%(count)d submissions are selected.",
                preview.selected,
            )
            % {"count": preview.selected}
        )
        if call.kind == CallKind.CHALLENGES:
            lines.append(_("Selected challenges are published on the public challenge list."))
    if preview.declined:
        lines.append(
            ngettext(
                "%(count)d submission is declined; its team reads your reason.",
                "%(count)d submissions are declined; each team reads your reason.",
                preview.declined,
            )
            % {"count": preview.declined}
        )
    lines.append(_("A released decision is final: it can no longer change."))
    return lines


def _not_ready(preview: ReleasePreview) -> list[str]:
    lines = []
    phase = preview.phase
    if preview.reviews_missing:
        missing = ngettext(
            "%(missing)d of %(total)d reviews is missing",
            "%(missing)d of %(total)d reviews are missing",
            preview.reviews_missing,
        ) % {"missing": preview.reviews_missing, "total": preview.reviews}
        if phase is not None and phase.state != WindowState.CLOSED:
            lines.append(
                _("%(missing)s; the review phase ends on %(when)s.")
                % {"missing": missing, "when": in_viewer_zone(phase.closes_at)}
            )
        else:
            lines.append(_("%(missing)s.") % {"missing": missing})
    if preview.undecided:
        lines.append(
            ngettext(
                "%(count)d submission under review has no staged decision; it stays "
                "under review and its team hears nothing.",
                "%(count)d submissions under review have no staged decision; they stay "
                "under review and their teams hear nothing.",
                preview.undecided,
            )
            % {"count": preview.undecided}
        )
    return lines


class Release(SecretariatOnly, ConfirmedAction):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.call = call_for_review(pk=kwargs["call_pk"])

    def back(self) -> str:
        return reverse("reviews:decisions", kwargs={"call_pk": self.call.pk})

    def confirmation(self) -> Confirmation:
        preview = release_preview(call=self.call)
        if not preview.staged:
            return Confirmation(
                title=_("No decision to release"),
                button="",
                back_url=self.back(),
                will_happen=[_("No decision is staged: stage one from a submission's page.")],
                possible=False,
            )
        return Confirmation(
            title=ngettext(
                "Release %(count)d decision?", "Release %(count)d decisions?", preview.staged
            )
            % {"count": preview.staged},
            button=ngettext(
                "Release %(count)d decision", "Release %(count)d decisions", preview.staged
            )
            % {"count": preview.staged},
            back_url=self.back(),
            will_happen=_will_happen(self.call, preview),
            audience=preview.audience,
            not_ready=_not_ready(preview),
        )

    def act(self):
        try:
            release = services.decisions_release(call=self.call, by=self.request.user)
        except (PermissionDenied, ValidationError) as error:
            refusal_report(self.request, error)
            return redirect(self.back())
        if release.released:
            released = ngettext(
                "%(count)d decision released.", "%(count)d decisions released.", release.released
            ) % {"count": release.released}
            messages.success(self.request, f"{released} {told(release.told)}")
        elif not release.problems:
            messages.warning(self.request, _nothing_sent(release))
        for problem in release.problems:
            messages.error(self.request, _("Not released: %(problem)s") % {"problem": problem})
        return redirect(self.back())
