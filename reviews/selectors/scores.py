"""The submitted reviews of submissions, as one number each for other apps to use."""

import statistics
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Sum

from reviews.models import SCALE, Score


def review_scores_of(*, model, pks) -> dict[int, float]:
    """The mean of each reviewed submission's reviews (each a weighted mean of its
    criteria), scaled from the 1 to 5 scale to [0, 1]."""
    per_review = (
        Score.objects.filter(
            assignment__item__content_type=ContentType.objects.get_for_model(model),
            assignment__item__object_id__in=pks,
            assignment__submitted_at__isnull=False,
            score__isnull=False,
        )
        .values("assignment_id", "assignment__item__object_id")
        .annotate(points=Sum(F("score") * F("criterion__weight")), weights=Sum("criterion__weight"))
        .order_by("assignment_id")
    )
    means = defaultdict(list)
    for review in per_review:
        means[review["assignment__item__object_id"]].append(review["points"] / review["weights"])
    low, high = SCALE[0], SCALE[-1]
    return {pk: (statistics.fmean(values) - low) / (high - low) for pk, values in means.items()}
