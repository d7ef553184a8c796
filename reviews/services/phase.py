"""The review phase of a call: when reviews open, are due and close, by how many
reviewers, and what reviewers are shown."""

from django.core.exceptions import ValidationError
from django.db import transaction

from incubator.models import Call, User
from incubator.schedule import phase_order_errors
from incubator.services.audit import audit_record
from reviews.access import secretariat_require
from reviews.models import ReviewPhase

PHASE_FIELDS = (
    "opens_at",
    "due_at",
    "closes_at",
    "reviewers_per_submission",
    "reviewers_see_scores",
    "anonymised",
)


@transaction.atomic
def review_phase_save(*, call: Call, by: User, **fields) -> ReviewPhase:
    secretariat_require(by=by)
    errors = phase_order_errors(
        call_closes_at=call.closes_at,
        zone=call.deadline_time_zone,
        opens_at=fields["opens_at"],
        due_at=fields["due_at"],
        closes_at=fields["closes_at"],
    )
    if errors:
        raise ValidationError(errors)
    phase = ReviewPhase.objects.filter(call=call).first() or ReviewPhase(call=call)
    created = phase.pk is None
    for name in PHASE_FIELDS:
        setattr(phase, name, fields[name])
    phase.full_clean()
    phase.save()
    audit_record(
        actor=by,
        action="review.phase_created" if created else "review.phase_updated",
        target=call,
        details={name: str(fields[name]) for name in PHASE_FIELDS},
    )
    return phase
