"""What a reviewer is asked before submitting a review: their scores and comments as
they will be sent (the draft just saved), and that a submitted review can no longer
change."""

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from incubator.views.confirmation import Confirmation, posted_answers
from reviews.selectors import scores_of, weighted_mean


def submit_confirmation(request, assignment, form) -> Confirmation:
    scores = scores_of(assignment=assignment)
    lines = []
    for criterion in form.criteria:
        score = scores[criterion.pk]
        line = _("%(criterion)s: %(score)s of 5") % {
            "criterion": criterion.name,
            "score": score.score,
        }
        if score.comment:
            line = f"{line} — {Truncator(score.comment).chars(160)}"
        lines.append(line)
    mean = weighted_mean(scores.values())
    return Confirmation(
        title=_("Submit your review of “%(title)s”?") % {"title": assignment.item.submission},
        button=_("Submit the review"),
        back_url=reverse("reviews:assignment", kwargs={"pk": assignment.pk}),
        subjects=lines,
        will_happen=[
            _("Weighted score: %(mean)s out of 5.") % {"mean": number_format(mean, 2)},
            _("The secretariat sees your scores and comments at once."),
            _("A submitted review can no longer change. Your draft is saved meanwhile."),
        ],
        carry=posted_answers(request),
        destructive=False,
    )
