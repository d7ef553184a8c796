from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

from incubator.preferences import language_note_visitor_choice, language_remember
from incubator.selectors.programmes import calls_open_or_upcoming
from incubator.services.accounts import language_set
from incubator.views.confirmation import form_receiver


def home(request):
    return render(request, "home.html", {"calls": calls_open_or_upcoming()})


@form_receiver("incubator:home")
def language_switch(request):
    """Switch the interface language; a signed-in person keeps it for emails too."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = redirect(next_url)
    if language in dict(settings.LANGUAGES):
        translation.activate(language)
        language_remember(response, language)
        if request.user.is_authenticated:
            language_set(user=request.user, language=language)
        else:
            language_note_visitor_choice(request, language)
    return response


def health(request):
    """For the load balancer and compose: answers only when the database does."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
