"""The pages a person sees when something is missing, forbidden, not for a plain link or
broken: the portal's own, in its layout and language, under every settings module. The
embedded default runs with DEBUG on; Django's debug pages (which list every URL pattern)
appear only for a developer who asks for them with DEBUG_PAGES."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.urls import include, path, reverse
from django.views.decorators.http import require_POST

from tests.factories import UserFactory, secretariat_user, with_second_factor

pytestmark = pytest.mark.django_db


def broken(request):
    raise RuntimeError("the database went away")


def forbidden(request):
    raise PermissionDenied


def missing(request):
    raise Http404("No challenge matches the given query.")


@require_POST
def post_only(request):
    return HttpResponse("done")


urlpatterns = [
    path("", include("config.urls")),
    path("test-errors/broken/", broken),
    path("test-errors/forbidden/", forbidden),
    path("test-errors/missing/", missing),
    path("test-errors/post-only/", post_only),
]
handler400 = "incubator.views.errors.bad_request"
handler403 = "incubator.views.errors.permission_denied"
handler404 = "incubator.views.errors.page_not_found"
handler500 = "incubator.views.errors.server_error"


@pytest.fixture(params=[True, False], ids=["embedded-debug", "production"])
def portal(request, settings, client):
    settings.DEBUG = request.param
    settings.DEBUG_PAGES = False
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    return client


def in_the_portal_layout(page: str) -> bool:
    return 'class="site-header"' in page and "Accessibility statement" in page


def test_an_unknown_address_gets_the_portals_page_not_found(portal):
    response = portal.get("/no-such-page/")

    page = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in page and in_the_portal_layout(page)
    assert "URLconf" not in page and "test-errors" not in page


def test_an_object_that_is_not_there_gets_the_portals_page_not_found(portal):
    response = portal.get("/test-errors/missing/")

    page = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in page and in_the_portal_layout(page)
    assert "No challenge matches" not in page


def test_a_forbidden_page_says_so_in_the_portal_layout(portal):
    response = portal.get("/test-errors/forbidden/")

    page = response.content.decode()
    assert response.status_code == 403
    assert "You cannot see this page" in page and in_the_portal_layout(page)


def test_a_plain_link_to_a_form_action_is_a_page_not_a_blank(portal):
    response = portal.get("/test-errors/post-only/")

    page = response.content.decode()
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "This address only takes a form" in page and in_the_portal_layout(page)
    assert "nothing has changed" in page


def test_a_broken_page_says_nothing_was_lost_and_where_to_get_help(portal):
    response = portal.get("/test-errors/broken/")

    page = response.content.decode()
    assert response.status_code == 500
    assert "Nothing you sent has been lost" in page and in_the_portal_layout(page)
    assert reverse("incubator:help") in page
    assert "RuntimeError" not in page and "Traceback" not in page


def test_a_missing_slash_is_still_added_before_any_page_not_found(portal):
    response = portal.get("/help")

    assert response.status_code == 301
    assert response["Location"] == "/help/"


def test_the_error_pages_are_in_the_readers_language(portal, client_of):
    client_of(UserFactory(language="fr"))

    page = portal.get("/no-such-page/").content.decode()

    assert "Page introuvable" in page


def test_a_developer_who_asks_gets_djangos_debug_pages(settings, client):
    settings.DEBUG = True
    settings.DEBUG_PAGES = True
    settings.ROOT_URLCONF = __name__

    page = client.get("/no-such-page/").content.decode()

    assert "Using the URLconf defined in" in page
    assert "test-errors/broken/" in page


def every_address() -> list[str]:
    """One address for every URL pattern of the portal, with made-up ids in it."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns, prefix=""):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, route)
            elif isinstance(entry, URLPattern) and not route.startswith("secretariat/admin"):
                yield route

    addresses = set()
    for route in walk(get_resolver("config.urls").url_patterns):
        if route.startswith("^") or "(?P" in route:
            continue  # regular expressions (allauth's few) are covered by their own tests
        address = route
        for converter, value in (("int", "1"), ("slug", "x"), ("str", "x"), ("path", "x")):
            address = re.sub(rf"<{converter}:\w+>", value, address)
        addresses.add("/" + address)
    return sorted(addresses)


def test_no_address_answers_a_plain_link_with_a_blank_page(client_of, settings):
    """GET on a POST-only action, as a secretariat member who may reach every page."""
    settings.DEBUG = True
    client = client_of(with_second_factor(secretariat_user()))
    client.raise_request_exception = False
    blank, broken = [], []

    for address in every_address():
        response = client.get(address)
        if response.status_code >= 500:
            broken.append(f"{address}: {response.status_code}")
        content = b"".join(response.streaming_content) if response.streaming else response.content
        if response.status_code >= 400 and not content.strip():
            blank.append(f"{address}: {response.status_code}")

    assert not broken, broken
    assert not blank, blank
