"""The secretariat's home: where the current round stands and what needs doing now,
each with a link to its desk, and every desk of the secretariat one click away."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from incubator.access import secretariat_required
from incubator.selectors.outbox import notification_counts
from secretariat.selectors import current_programme, programmes_to_choose, round_state
from secretariat.todo import now_lines, todos


@secretariat_required
@require_safe
def home(request):
    programmes = list(programmes_to_choose())
    chosen = request.GET.get("programme", "")
    programme = next((p for p in programmes if p.slug == chosen), None) or current_programme()
    state = round_state(programme=programme) if programme else None
    return render(
        request,
        "secretariat/home.html",
        {
            "programmes": programmes,
            "programme": programme,
            "state": state,
            "now": now_lines(state) if state else [],
            "todos": todos(state) if state else [],
            "outbox_counts": notification_counts(),
        },
    )
