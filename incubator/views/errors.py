"""The pages a person sees when something is not there, not theirs or not working: in the
portal's layout, in their language, under every settings module."""

import logging

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def permission_denied(request, exception=None):
    message = str(exception) if exception and str(exception) else ""
    return render(request, "403.html", {"exception": message}, status=403)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def method_not_allowed(request, allowed: str):
    return render(request, "405.html", {"allowed": allowed}, status=405)


def server_error(request):
    """The portal's page when it can be drawn; a plain one when drawing it fails too (the
    database that broke the request also feeds the navigation)."""
    try:
        return render(request, "500.html", status=500)
    except Exception:
        logger.exception("The error page itself could not be drawn")
    try:
        return HttpResponseServerError(render_to_string("500.html"))
    except Exception:
        return HttpResponseServerError(
            "<!DOCTYPE html><title>{0}</title><h1>{0}</h1><p>{1}</p>".format(
                _("Sorry, there is a problem with the service"),
                _("Nothing you sent has been lost. Try again in a few minutes."),
            )
        )
