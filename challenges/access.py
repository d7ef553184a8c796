"""Who may see a challenge: the one policy of the public pages and what reads them.

A challenge is public once selected and published: anyone reads it. Before that it
belongs to its team (``submissions.access``) and to the secretariat's screening desk,
which its second factor opens (``incubator.access.secretariat_required``). Anybody else
is answered 404: ids reveal nothing."""

from django.db.models import QuerySet

from challenges.models import Challenge
from submissions.models import SubmissionState


def visible_challenges() -> QuerySet[Challenge]:
    """The challenges everyone may read, signed in or not."""
    return Challenge.objects.filter(status=SubmissionState.SELECTED, published_at__isnull=False)
