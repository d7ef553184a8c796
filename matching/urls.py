from django.urls import path

from matching.views import board, exchange

urlpatterns = [
    path("secretariat/matching/<slug:slug>/", board.runs, name="match_runs"),
    path("secretariat/matching/<slug:slug>/runs/<int:pk>/", board.run_detail, name="match_run"),
    path("secretariat/matching/<slug:slug>/board/", board.board, name="match_board"),
    path(
        "secretariat/matching/<slug:slug>/matches/<int:pk>/<slug:action>/",
        board.match_action,
        name="match_action",
    ),
    path("secretariat/exchange/", exchange.exchange, name="exchange"),
    path(
        "secretariat/exchange/<slug:slug>/export.json",
        exchange.exchange_export,
        name="exchange_export",
    ),
]
