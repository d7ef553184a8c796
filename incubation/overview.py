"""The incubation on a team's overview of its matched challenge or proposal: where the
teams now work together. Registered with the submissions kernel in
IncubationConfig.ready(), after the matching note, so its next step is the one shown."""

from django.urls import reverse
from django.utils.translation import gettext as _

from incubation.selectors.workspace import incubation_of_submission
from submissions.overview import Link, OverviewNote


def incubation_notes(submission) -> list[OverviewNote]:
    incubation = incubation_of_submission(submission=submission)
    if incubation is None:
        return []
    workspace = reverse("incubation:overview", kwargs={"pk": incubation.pk})
    if incubation.is_open:
        next_step = _(
            "In incubation: your team and its partners plan, meet and report in the "
            "incubation workspace."
        )
    else:
        next_step = _("The incubation is closed; its workspace stays open for reading.")
    return [
        OverviewNote(
            term=_("Incubation"),
            text=incubation.get_state_display(),
            links=(Link(_("Open the incubation workspace"), workspace),),
            next_step=next_step,
        )
    ]
