"""The secretariat's decisions on one pair: confirm (the teams are introduced), reject
and exclude cannot be undone and go through a confirmation page; lock and unlock act on
their button, and their address opened directly explains them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from incubator.audience import Audience, told
from incubator.forms.errors import refusal_text
from incubator.selectors.audience import team_audience
from incubator.selectors.programmes import programme_by_slug
from incubator.views.confirmation import Confirmation, ConfirmedAction, SecretariatOnly
from matching.access import board_match
from matching.models import Match
from matching.round_board import provider_load
from matching.services import match_confirm, match_lock, match_reject, pair_exclude

ACTIONS = {
    "lock": lambda match, by, told: match_lock(match=match, by=by, locked=True),
    "unlock": lambda match, by, told: match_lock(match=match, by=by, locked=False),
    "confirm": lambda match, by, told: match_confirm(match=match, by=by, told=told),
    "reject": lambda match, by, told: match_reject(match=match, by=by),
    "exclude": lambda match, by, told: pair_exclude(match=match, by=by),
}
FINAL = frozenset({"confirm", "reject", "exclude"})
QUESTIONS = {
    "lock": gettext_lazy("Lock this pair?"),
    "unlock": gettext_lazy("Unlock this pair?"),
    "confirm": gettext_lazy("Confirm this pair?"),
    "reject": gettext_lazy("Reject this pair?"),
    "exclude": gettext_lazy("Exclude this pair?"),
}
BUTTONS = {
    "lock": gettext_lazy("Lock the pair"),
    "unlock": gettext_lazy("Unlock the pair"),
    "confirm": gettext_lazy("Confirm the pair"),
    "reject": gettext_lazy("Reject the pair"),
    "exclude": gettext_lazy("Exclude the pair"),
}
EFFECTS = {
    "lock": gettext_lazy("Every later run keeps this pair. You can unlock it again."),
    "unlock": gettext_lazy("The next run may replace this pair."),
    "confirm": gettext_lazy(
        "The pair is confirmed and locked, and each team is introduced to the other by "
        "email with the contacts it chose to show. This cannot be undone."
    ),
    "reject": gettext_lazy(
        "The pair is rejected: it can no longer be confirmed and no run proposes it again."
    ),
    "exclude": gettext_lazy(
        "The pair is ruled out: its proposal goes and no run will propose it again."
    ),
}
DONE = {
    "lock": gettext_lazy("The pair is locked: every later run keeps it."),
    "unlock": gettext_lazy("The pair is unlocked."),
    "confirm": gettext_lazy("The pair is confirmed."),
    "reject": gettext_lazy("The pair is rejected."),
    "exclude": gettext_lazy("The pair is excluded: no run will propose it again."),
}


class MatchDecision(SecretariatOnly, ConfirmedAction):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if kwargs["action"] not in ACTIONS:
            raise Http404
        self.action = kwargs["action"]
        self.programme = programme_by_slug(slug=kwargs["slug"])
        self.match = board_match(programme=self.programme, pk=kwargs["pk"])
        self.confirm_posts = self.action in FINAL

    def back(self) -> str:
        return reverse(
            "matching:challenge",
            kwargs={"slug": self.programme.slug, "pk": self.match.challenge_id},
        )

    def _not_ready(self) -> list[str]:
        match, lines = self.match, []
        if self.action != "confirm":
            return lines
        load = provider_load(match=match)
        if load > match.solution.capacity:
            lines.append(
                _(
                    "%(provider)s is paired with %(load)d challenges but can support "
                    "%(capacity)d at once."
                )
                % {
                    "provider": match.solution.organisation.name,
                    "load": load,
                    "capacity": match.solution.capacity,
                }
            )
        return lines

    def _decided(self) -> str:
        """Why nothing can be done any more, if that is so."""
        if self.match.state == Match.State.CONFIRMED and self.action != "confirm":
            return _("This pair is confirmed and the teams have been introduced.")
        if self.match.state == Match.State.CONFIRMED:
            return _("This pair is already confirmed.")
        if self.match.state == Match.State.REJECTED:
            return _("This pair is rejected.")
        return ""

    def confirmation(self) -> Confirmation:
        match = self.match
        teams = [match.challenge.organisation, match.solution.organisation]
        decided = self._decided()
        return Confirmation(
            title=str(QUESTIONS[self.action]),
            button=str(BUTTONS[self.action]),
            back_url=self.back(),
            subjects=[
                _("Challenge: “%(title)s”, %(team)s (%(country)s)")
                % {
                    "title": match.challenge.title,
                    "team": match.challenge.organisation.name,
                    "country": match.challenge.organisation.country.name,
                },
                _("Solution provider: %(team)s (%(country)s), “%(title)s”")
                % {
                    "title": match.solution.title,
                    "team": match.solution.organisation.name,
                    "country": match.solution.organisation.country.name,
                },
            ],
            will_happen=[str(EFFECTS[self.action])],
            audience=team_audience(teams=teams) if self.action == "confirm" else Audience(),
            not_ready=[decided] if decided else self._not_ready(),
            possible=not decided,
            destructive=self.action in FINAL,
        )

    def act(self):
        introduced = Audience()
        try:
            ACTIONS[self.action](self.match, self.request.user, introduced)
        except (PermissionDenied, ValidationError) as error:
            messages.error(self.request, refusal_text(error))
        else:
            done = str(DONE[self.action])
            if self.action == "confirm":
                done = f"{done} {told(introduced)}"
            messages.success(self.request, done)
        return redirect(self.back())
