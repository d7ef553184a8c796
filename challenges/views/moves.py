"""Moving challenges on the screening desk, one or the ticked ones: to review, published
or declined. Each move is final, so each goes through a confirmation page that lists the
challenges, says what will happen and who will be emailed; the message afterwards
counts the emails queued."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from challenges.screening_forms import MOVES, ActionForm, BulkActionForm
from challenges.services import (
    TELLING,
    challenge_decline,
    challenge_move_to_review,
    challenge_publish,
    challenges_bulk,
)
from challenges.views.screening import (
    MOVE_FROM,
    challenge_on_desk,
    detail_page,
    queue_page,
    safe_next,
)
from incubator.audience import Audience, told
from incubator.forms.errors import refusal_text
from incubator.selectors.audience import team_audience
from incubator.views.confirmation import (
    Confirmation,
    ConfirmedAction,
    SecretariatOnly,
    posted_answers,
)

TITLES = {
    "review": lambda n: ngettext(
        "Move %(count)d challenge to review?", "Move %(count)d challenges to review?", n
    ),
    "publish": lambda n: ngettext(
        "Publish %(count)d challenge?", "Publish %(count)d challenges?", n
    ),
    "decline": lambda n: ngettext(
        "Decline %(count)d challenge?", "Decline %(count)d challenges?", n
    ),
}
EFFECTS = {
    "review": gettext_lazy(
        "Reviewers can then be assigned. A challenge in review cannot go back to screening."
    ),
    "publish": gettext_lazy(
        "Each is selected and shown on the public challenge list. A selection is final."
    ),
    "decline": gettext_lazy("Each is declined with your reason. A decision is final."),
}
DONE = {
    "review": gettext_lazy("“%(title)s” is now in review."),
    "publish": gettext_lazy("“%(title)s” is selected and published."),
    "decline": gettext_lazy("“%(title)s” is declined."),
}


def _line(challenge) -> str:
    return _("“%(title)s”, %(team)s (%(country)s), %(state)s") % {
        "title": challenge.title,
        "team": challenge.organisation.name,
        "country": challenge.organisation.country.name,
        "state": challenge.get_status_display(),
    }


def move_confirmation(challenges, action: str, reason: str, *, back_url: str) -> Confirmation:
    """What moving these challenges would do: those that can move, those that cannot,
    and who will be emailed."""
    movable = [c for c in challenges if c.status in MOVE_FROM[action]]
    stuck = [c for c in challenges if c.status not in MOVE_FROM[action]]
    will_happen = [str(EFFECTS[action])]
    if action == "decline":
        will_happen.append(_("The reason each team reads: “%(reason)s”") % {"reason": reason})
    not_ready = []
    if stuck:
        not_ready.append(
            ngettext(
                "%(count)d ticked challenge cannot make this move and stays as it is: %(titles)s.",
                "%(count)d ticked challenges cannot make this move and stay as they are: "
                "%(titles)s.",
                len(stuck),
            )
            % {"count": len(stuck), "titles": ", ".join(f"“{c.title}”" for c in stuck)}
        )
    teams = [challenge.organisation for challenge in movable]
    return Confirmation(
        title=TITLES[action](len(movable)) % {"count": len(movable)},
        button=dict(MOVES)[action],
        back_url=back_url,
        subjects=[_line(challenge) for challenge in movable],
        will_happen=will_happen,
        audience=team_audience(teams=teams) if action in TELLING else Audience(),
        not_ready=not_ready,
        possible=bool(movable),
        destructive=action != "review",
    )


class BulkMove(SecretariatOnly, ConfirmedAction):
    """The ticked challenges of the queue, all given one move."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.form = BulkActionForm(request.POST) if request.method == "POST" else None
        self.next_url = safe_next(request, request.POST.get("next", ""))

    def post(self, request, *args, **kwargs):
        if not self.form.is_valid():
            # The queue again, as it was filtered, with the boxes still ticked and the errors.
            params = QueryDict(urlsplit(self.next_url).query)
            return queue_page(request, params, bulk_form=self.form, next_url=self.next_url)
        return super().post(request, *args, **kwargs)

    def confirmation(self) -> Confirmation:
        if self.form is None:
            return Confirmation(
                title=_("No challenge is ticked"),
                button="",
                back_url=self.next_url,
                will_happen=[_("Tick the challenges to move in the list, then choose the move.")],
                possible=False,
            )
        data = self.form.cleaned_data
        confirmation = move_confirmation(
            data["challenges"], data["action"], data["reason"].strip(), back_url=self.next_url
        )
        confirmation.carry = posted_answers(self.request)
        return confirmation

    def act(self):
        data = self.form.cleaned_data
        try:
            result = challenges_bulk(
                challenges=data["challenges"],
                action=data["action"],
                by=self.request.user,
                reason=data["reason"].strip(),
            )
        except (PermissionDenied, ValidationError) as error:
            messages.error(self.request, refusal_text(error))
            return redirect(self.next_url)
        if result.moved:
            moved = ngettext(
                "%(count)d challenge moved: %(action)s.",
                "%(count)d challenges moved: %(action)s.",
                result.moved,
            ) % {"count": result.moved, "action": dict(MOVES)[data["action"]]}
            if data["action"] in TELLING:
                moved = f"{moved} {told(result.told)}"
            messages.success(self.request, moved)
        for problem in result.problems:
            messages.error(self.request, _("Not moved: %(problem)s") % {"problem": problem})
        return redirect(self.next_url)


ACTS = {
    "review": lambda challenge, by, reason, told: challenge_move_to_review(
        challenge=challenge, by=by
    ),
    "publish": lambda challenge, by, reason, told: challenge_publish(
        challenge=challenge, by=by, told=told
    ),
    "decline": lambda challenge, by, reason, told: challenge_decline(
        challenge=challenge, by=by, reason=reason, told=told
    ),
}


class ScreeningMove(SecretariatOnly, ConfirmedAction):
    """One challenge moved from its page on the desk."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.challenge = challenge_on_desk(kwargs["pk"])
        self.form = ActionForm(request.POST) if request.method == "POST" else None
        self.back = reverse("challenges:screening_detail", kwargs={"pk": self.challenge.pk})

    def get(self, request, *args, **kwargs):
        return redirect(self.back)  # the moves are chosen on the challenge's page

    def post(self, request, *args, **kwargs):
        if not self.form.is_valid():
            return detail_page(request, self.challenge, action_form=self.form)
        return super().post(request, *args, **kwargs)

    def confirmation(self) -> Confirmation:
        data = self.form.cleaned_data
        confirmation = move_confirmation(
            [self.challenge], data["action"], data["reason"].strip(), back_url=self.back
        )
        confirmation.carry = posted_answers(self.request)
        return confirmation

    def act(self):
        move, told_now = self.form.cleaned_data["action"], Audience()
        reason = self.form.cleaned_data["reason"].strip()
        try:
            ACTS[move](self.challenge, self.request.user, reason, told_now)
        except (PermissionDenied, ValidationError) as error:
            messages.error(self.request, refusal_text(error))
        else:
            done = DONE[move] % {"title": self.challenge.title}
            messages.success(self.request, f"{done} {told(told_now)}" if move in TELLING else done)
        return redirect(self.back)
