"""The small JSON answer behind the panel beside a draft: what is close to the text
typed so far. Public records only, so it asks no sign-in; the draft's own words are
sent by the page and never stored."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from library.drafting import similar_to_draft
from library.selectors import programme_of_call_id

MAX_TEXT = 4000


@require_safe
def similar(request):
    kind = "solution" if request.GET.get("for") == "solution" else "challenge"
    text = request.GET.get("text", "")[:MAX_TEXT]
    entries = similar_to_draft(
        kind=kind,
        text=text,
        programme_id=programme_of_call_id(request.GET.get("call", "")),
    )
    if request.GET.get("format") == "html":
        return render(request, "library/_similar_list.html", {"entries": entries})
    return JsonResponse(
        {
            "entries": [
                {
                    "title": entry.title,
                    "url": entry.get_absolute_url(),
                    "country": entry.country,
                    "programme": entry.programme.name_shown,
                    "helped_by": [partner["name"] for partner in entry.partners],
                }
                for entry in entries
            ]
        }
    )
