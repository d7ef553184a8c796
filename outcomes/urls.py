from django.urls import include, path

from outcomes.views import dashboard, desk, public, team

app_name = "outcomes"

team_patterns = [
    path("", team.my_outcomes, name="mine"),
    path(
        "teams/<int:organisation_pk>/<slug:slug>/consent/",
        team.consent,
        name="consent",
    ),
    path("stories/<int:match_pk>/<int:organisation_pk>/", team.story_edit, name="story_edit"),
    path("surveys/<int:pk>/", team.survey_answer_view, name="survey_answer"),
]

desk_patterns = [
    path("stories/", desk.story_queue, name="story_queue"),
    path("stories/<int:pk>/", desk.story_detail, name="story_desk"),
    path("surveys/", desk.survey_programmes, name="survey_programmes"),
    path("surveys/<slug:slug>/", desk.survey_answer_list, name="survey_answers"),
]

dashboard_patterns = [
    path("", dashboard.programmes, name="dashboard_programmes"),
    path("<slug:slug>/dashboard/", dashboard.dashboard, name="dashboard"),
    path("<slug:slug>/dashboard/count/", dashboard.recount, name="dashboard_recount"),
    path(
        "<slug:slug>/dashboard/<slug:key>.csv",
        dashboard.figure_csv,
        name="dashboard_csv",
    ),
]

urlpatterns = [
    path("programmes/<slug:slug>/showcase/", public.showcase, name="showcase"),
    path("programmes/<slug:slug>/showcase/<int:pk>/", public.case_detail, name="showcase_case"),
    path("me/outcomes/", include(team_patterns)),
    path("secretariat/outcomes/", include(desk_patterns)),
    path("secretariat/programmes/", include(dashboard_patterns)),
]
