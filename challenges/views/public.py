"""What anyone can read: published challenges, searched and filtered, one challenge,
and a programme with its calls."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from challenges.filters import PublicChallengeFilter
from challenges.selectors import challenge_cards, challenge_for_public
from challenges.views.cards import cards_of, listed
from incubator.models import Programme

PAGE_SIZE = 20
LATEST_ON_PROGRAMME = 5


def challenge_list(request):
    filterset = PublicChallengeFilter(request.GET, queryset=challenge_cards())
    page = Paginator(listed(filterset.qs), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "challenges/public/list.html",
        {
            "form": filterset.form,
            "page": page,
            "cards": cards_of(page.object_list),
            "query_string": urlencode(filterset.active),
        },
    )


def challenge_public(request, pk):
    return render(
        request, "challenges/public/detail.html", {"challenge": challenge_for_public(pk=pk)}
    )


def programme_detail(request, slug):
    programme = get_object_or_404(Programme, slug=slug)
    published = challenge_cards().filter(call__programme=programme)
    return render(
        request,
        "challenges/public/programme.html",
        {
            "programme": programme,
            "calls": programme.calls.order_by("opens_at"),
            "published_count": published.count(),
            "latest": cards_of(listed(published)[:LATEST_ON_PROGRAMME], level=4),
            "list_query": urlencode({"programme": programme.slug}),
        },
    )
