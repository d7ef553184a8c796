from django.urls import include, path

from challenges.views import public, screening, team

public_patterns = [
    path("", public.challenge_list, name="challenge_list"),
    path("<int:pk>/", public.challenge_public, name="challenge_public"),
    path(
        "<int:pk>/files/<int:file_pk>/", team.pages.attachment_download, name="challenge_attachment"
    ),
]

team_patterns = team.pages.urls()

screening_patterns = [
    path("", screening.queue, name="screening_queue"),
    path("export.csv", screening.export_csv, name="screening_export"),
    path("bulk/", screening.bulk_action, name="screening_bulk"),
    path("<int:pk>/", screening.detail, name="screening_detail"),
    path("<int:pk>/act/", screening.act, name="screening_act"),
]

urlpatterns = [
    path("challenges/", include(public_patterns)),
    path("programmes/<slug:slug>/", public.programme_detail, name="programme_detail"),
    path("me/challenges/", include(team_patterns)),
    path("secretariat/challenges/", include(screening_patterns)),
]
