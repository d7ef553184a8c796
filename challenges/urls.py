from django.urls import include, path

from challenges.views import moves, public, screening, team
from submissions.views.team import attachment_url, drafting_urls

app_name = "challenges"

public_patterns = [
    path("", public.challenge_list, name="list"),
    path("<int:pk>/", public.challenge_public, name="detail"),
    attachment_url("<int:pk>/files/<int:file_pk>/", team.pages),
]

team_patterns = drafting_urls(team.pages)

screening_patterns = [
    path("", screening.queue, name="screening_queue"),
    path("export.csv", screening.export_csv, name="screening_export"),
    path("bulk/", moves.BulkMove.as_view(), name="screening_bulk"),
    path("<int:pk>/", screening.detail, name="screening_detail"),
    path("<int:pk>/act/", screening.act, name="screening_act"),
    path("<int:pk>/move/", moves.ScreeningMove.as_view(), name="screening_move"),
]

urlpatterns = [
    path("challenges/", include(public_patterns)),
    path("programmes/<slug:slug>/", public.programme_detail, name="programme"),
    path("me/challenges/", include(team_patterns)),
    path("secretariat/challenges/", include(screening_patterns)),
]
