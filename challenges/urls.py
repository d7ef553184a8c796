from django.urls import include, path

from challenges.views import public, screening, team

public_patterns = [
    path("", public.challenge_list, name="challenge_list"),
    path("<int:pk>/", public.challenge_public, name="challenge_public"),
    path("<int:pk>/files/<int:file_pk>/", team.attachment_download, name="challenge_attachment"),
]

team_patterns = [
    path("", team.my_challenges, name="my_challenges"),
    path("new/", team.challenge_new, name="challenge_new"),
    path("<int:pk>/", team.challenge_overview, name="challenge_overview"),
    path("<int:pk>/step/<slug:step>/", team.challenge_step, name="challenge_step"),
    path("<int:pk>/files/", team.challenge_files, name="challenge_files"),
    path(
        "<int:pk>/files/<int:file_pk>/remove/",
        team.challenge_file_remove,
        name="challenge_file_remove",
    ),
    path("<int:pk>/check/", team.challenge_check, name="challenge_check"),
    path("<int:pk>/withdraw/", team.challenge_withdraw_view, name="challenge_withdraw"),
]

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
