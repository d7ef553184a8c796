from django.urls import path

from matching.views import board

app_name = "matching"

urlpatterns = [
    path("secretariat/matching/<slug:slug>/", board.runs, name="runs"),
    path("secretariat/matching/<slug:slug>/runs/<int:pk>/", board.run_detail, name="run"),
    path("secretariat/matching/<slug:slug>/board/", board.board, name="board"),
    path(
        "secretariat/matching/<slug:slug>/matches/<int:pk>/<slug:action>/",
        board.match_action,
        name="action",
    ),
]
