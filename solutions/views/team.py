"""The provider team's side of a solution proposal: the shared drafting pages, in the
proposal's own steps and words."""

from django.utils.translation import gettext_lazy as _

from solutions import forms
from solutions.services import SOLUTION_DRAFTING
from submissions.forms import contact_fields
from submissions.views.pages import NEXT_STEPS, DraftingPages, Step

pages = DraftingPages(
    drafting=SOLUTION_DRAFTING,
    namespace="solutions",
    steps=(
        Step("about", _("About your proposal"), forms.about_fields),
        Step("experience", _("Your experience"), forms.experience_fields),
        Step("offer", _("What you offer"), forms.offer_fields),
        Step(
            "interests",
            _("Challenges you want to help with"),
            forms.interest_fields,
            initial=forms.interest_initial,
            answers=forms.interest_answers,
            stands_for={"interests": "choice_1"},
        ),
        Step("people", _("Contact people"), contact_fields),
    ),
    answers_template="solutions/team/_answers.html",
    reasons={
        "summary": _("it is how your proposal appears in lists for the secretariat."),
        "comparable_problem": _("the advisory board reviews your proposal on it."),
        "what_they_did": _("the advisory board reviews your proposal on it."),
        "evidence": _("the advisory board reviews your proposal on it."),
        "languages": _("your team is matched with teams that share a working language."),
        "time_zone": _("matching looks for teams whose working hours overlap with yours."),
        "themes": _("reviewers and challenges are found by theme."),
        "interests": _("matching starts from the challenges you chose."),
    },
    words={
        "noun": _("Solution proposal"),
        "start": _("Offer a solution"),
        "start_new": _("Start a new solution proposal"),
        "start_intro": _(
            "Give your proposal a working title. Everyone in your team can continue the "
            "draft, and nothing is sent to the secretariat until you submit."
        ),
        "needs_team": _(
            "Solution proposals belong to a government team. Register your team first, or "
            "ask a colleague to invite you to theirs."
        ),
        "no_open_call": _("No call for solutions is open at the moment."),
        "list_title": _("My solution proposals"),
        "list_heading": _("My team's solution proposals"),
        "list_caption": _("Solution proposals of your teams"),
        "list_empty": _("Your teams have no solution proposals yet."),
        "files_intro": _(
            "Add documents that show what you did: an evaluation, a guide, slides. Only your "
            "team and the secretariat can open them."
        ),
        "submit_heading": _("Submit your proposal"),
        "submit_consent": _(
            "By submitting you confirm that your team agrees to share this proposal with the "
            "secretariat, the advisory board and, if it is selected, the teams you are "
            "matched with."
        ),
        "submit_button": _("Submit proposal"),
        "submitted": _(
            "Your proposal is submitted. A confirmation with a copy of your answers is on its "
            "way to every member of your team."
        ),
        "submitted_notice": _(
            "This proposal is submitted. Changes you save are part of it until the deadline."
        ),
        "cannot_change": _(
            "This proposal can no longer be changed: the call has closed or a decision has "
            "been made."
        ),
        "withdraw_link": _("Withdraw this proposal"),
        "withdraw_intro": _(
            "A withdrawn proposal is no longer considered in this round. Your team keeps a "
            "copy on the portal."
        ),
        "withdraw_button": _("Withdraw proposal"),
        "withdraw_confirm": _("Yes, withdraw this proposal. This cannot be undone."),
        "withdrawn": _("The proposal is withdrawn."),
    },
    next_steps={
        **NEXT_STEPS,
        "selected": _("Selected: the secretariat will match your team with challenges."),
    },
)
