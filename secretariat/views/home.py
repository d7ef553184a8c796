"""The secretariat's home: where the current round stands and what needs doing now,
each with a link to its desk."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from incubator.access import secretariat_required
from incubator.selectors.outbox import notification_counts


@secretariat_required
@require_safe
def home(request):
    return render(request, "secretariat/home.html", {"outbox_counts": notification_counts()})
