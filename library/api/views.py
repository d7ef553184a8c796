"""The open-data API, read-only: each list and each record through the public selectors
and the allow-listed serializers, with filters and pages."""

from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.pagination import PageNumberPagination

from library import access
from library.api import filters, serializers
from library.api.caching import CachedReadMixin
from library.api.filters import MAX_ID


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class OpenData(CachedReadMixin, viewsets.ReadOnlyModelViewSet):
    pagination_class = Pages
    lookup_value_converter = "int"

    def get_object(self):
        # An id beyond what every database stores is simply not found (SQLite would fail).
        if self.lookup_field == "pk" and self.kwargs["pk"] > MAX_ID:
            raise Http404
        return super().get_object()


def _described(name: str):
    return extend_schema_view(
        list=extend_schema(summary=f"List the public {name}"),
        retrieve=extend_schema(summary=f"One of the public {name}"),
    )


@_described("themes")
class ThemeViewSet(OpenData):
    queryset = access.public_themes()
    serializer_class = serializers.ThemeSerializer
    lookup_field = "slug"
    lookup_value_converter = "slug"


@_described("programmes (rounds)")
class ProgrammeViewSet(OpenData):
    queryset = access.public_programmes()
    serializer_class = serializers.ProgrammeSerializer
    lookup_field = "slug"
    lookup_value_converter = "slug"


@_described("calls")
class CallViewSet(OpenData):
    queryset = access.public_calls()
    serializer_class = serializers.CallSerializer
    filterset_class = filters.CallFilter


@_described("challenges")
class ChallengeViewSet(OpenData):
    queryset = access.public_challenges()
    serializer_class = serializers.ChallengeSerializer
    filterset_class = filters.ChallengeFilter


@_described("solution proposals")
class SolutionViewSet(OpenData):
    queryset = access.public_solutions()
    serializer_class = serializers.SolutionSerializer
    filterset_class = filters.SolutionFilter


@_described("matches and what came of them")
class MatchViewSet(OpenData):
    queryset = access.public_matches()
    serializer_class = serializers.MatchSerializer
    filterset_class = filters.MatchFilter


@_described("stories")
class StoryViewSet(OpenData):
    queryset = access.public_stories()
    serializer_class = serializers.StorySerializer
    filterset_class = filters.StoryFilter
