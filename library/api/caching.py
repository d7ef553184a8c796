"""Read-only answers that clients may keep: an ETag of the body, Cache-Control, and a
bare 304 when the client already holds this version; a rate limit per client."""

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from rest_framework.throttling import SimpleRateThrottle


class PerClientThrottle(SimpleRateThrottle):
    """So many requests per client address, signed in or not (the API has no sign-in)."""

    scope = "open_data"

    def get_rate(self):
        return settings.OPEN_DATA_RATE

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class CachedReadMixin:
    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            response.render()
            set_response_etag(response)
            patch_cache_control(response, public=True, max_age=settings.OPEN_DATA_MAX_AGE)
            return get_conditional_response(request, etag=response["ETag"], response=response)
        return response
