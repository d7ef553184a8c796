"""The owner team's side of a challenge: the shared drafting pages, in the challenge's
own steps and words."""

from django.utils.translation import gettext_lazy as _

from challenges import forms
from challenges.services import CHALLENGE_DRAFTING
from submissions.forms import contact_fields
from submissions.views.pages import NEXT_STEPS, DraftingPages, Step

pages = DraftingPages(
    drafting=CHALLENGE_DRAFTING,
    namespace="challenges",
    steps=(
        Step("about", _("About the challenge"), lambda challenge: forms.about_fields()),
        Step("problem", _("The problem"), lambda challenge: forms.problem_fields()),
        Step("help", _("The help you seek"), lambda challenge: forms.help_fields()),
        Step("people", _("Contact people"), contact_fields),
    ),
    answers_template="challenges/team/_answers.html",
    reasons={
        "summary": _("it is how your challenge appears in lists and search results."),
        "problem_statement": _(
            "the secretariat screens your challenge and the advisory board reviews it on it."
        ),
        "expertise_sought": _("it tells teams abroad what help they could offer."),
        "lifecycle_stage": _("reviewers and partner teams read the problem in its light."),
        "sector": _("the secretariat uses it to screen challenges and find partner teams."),
        "languages": _("your team is matched with teams that share a working language."),
        "themes": _("reviewers and partner teams are found by theme."),
    },
    words={
        "noun": _("Challenge"),
        "start": _("Start a challenge"),
        "start_new": _("Start a new challenge"),
        "start_intro": _(
            "Give your challenge a working title. Everyone in your team can continue the "
            "draft, and nothing is sent to the secretariat until you submit."
        ),
        "needs_team": _(
            "Challenges belong to a government team. Register your team first, or ask a "
            "colleague to invite you to theirs."
        ),
        "no_open_call": _("No call for challenges is open at the moment."),
        "list_title": _("My challenges"),
        "list_heading": _("My team's challenges"),
        "list_caption": _("Challenges of your teams"),
        "list_empty": _("Your teams have no challenges yet."),
        "files_intro": _(
            "Add documents that help others understand the problem: a policy brief, data, a "
            "diagram. Only your team and the secretariat can open them."
        ),
        "submit_heading": _("Submit your challenge"),
        "submit_consent": _(
            "By submitting you confirm that your team agrees to share this challenge with the "
            "secretariat, the advisory board and, if it is selected, the public."
        ),
        "submit_button": _("Submit challenge"),
        "submitted": _(
            "Your challenge is submitted. A confirmation with a copy of your answers is on its "
            "way to every member of your team."
        ),
        "submitted_notice": _(
            "This challenge is submitted. Changes you save are part of it until the deadline."
        ),
        "cannot_change": _(
            "This challenge can no longer be changed: the call has closed or a decision has "
            "been made."
        ),
        "withdraw_link": _("Withdraw this challenge"),
        "withdraw_intro": _(
            "A withdrawn challenge is no longer considered in this round. Your team keeps a "
            "copy on the portal."
        ),
        "withdraw_button": _("Withdraw challenge"),
        "withdraw_confirm": _("Yes, withdraw this challenge. This cannot be undone."),
        "withdrawn": _("The challenge is withdrawn."),
    },
    next_steps={
        **NEXT_STEPS,
        "in_review": _("The advisory board is reviewing your challenge."),
        "shortlisted": _("Your challenge is shortlisted; a decision follows."),
        "selected": _("Selected: teams abroad can now offer to help."),
    },
)
