from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from library.api import views as api
from library.views import open_data, pages, similar

app_name = "library"

router = SimpleRouter(use_regex_path=False)
router.register("programmes", api.ProgrammeViewSet, basename="api-programme")
router.register("calls", api.CallViewSet, basename="api-call")
router.register("themes", api.ThemeViewSet, basename="api-theme")
router.register("challenges", api.ChallengeViewSet, basename="api-challenge")
router.register("solutions", api.SolutionViewSet, basename="api-solution")
router.register("matches", api.MatchViewSet, basename="api-match")
router.register("stories", api.StoryViewSet, basename="api-story")

urlpatterns = [
    path("library/", pages.library_list, name="list"),
    path(
        "library/<str:kind>/<int:pk>/",
        pages.library_entry,
        name="entry",
    ),
    path("library/similar/", similar.similar, name="similar"),
    path("library/open-data/", open_data.open_data, name="open_data"),
    path("library/open-data/<slug:slug>.json", open_data.round_download_json, name="round_json"),
    path(
        "library/open-data/<slug:slug>/<str:name>.csv",
        open_data.round_download_csv,
        name="round_csv",
    ),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/v1/docs/", open_data.api_docs, name="api_docs"),
    path("api/v1/", include(router.urls)),
]
