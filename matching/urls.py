from django.urls import path

from matching.views import board, challenge, decide, summary

app_name = "matching"

urlpatterns = [
    path("secretariat/matching/<slug:slug>/", board.runs, name="runs"),
    path("secretariat/matching/<slug:slug>/runs/<int:pk>/", board.run_detail, name="run"),
    path("secretariat/matching/<slug:slug>/board/", summary.board, name="board"),
    path(
        "secretariat/matching/<slug:slug>/board/<int:pk>/",
        challenge.challenge,
        name="challenge",
    ),
    path(
        "secretariat/matching/<slug:slug>/matches/<int:pk>/<slug:action>/",
        decide.MatchDecision.as_view(),
        name="action",
    ),
]
