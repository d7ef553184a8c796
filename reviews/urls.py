from django.urls import include, path

from reviews.views import (
    assignments,
    calls,
    dashboard,
    decisions,
    items,
    pool,
    release,
    removing,
    reviewer,
)

app_name = "reviews"

reviewer_patterns = [
    path("", reviewer.desk, name="desk"),
    path("export.csv", reviewer.export_mine, name="export_mine"),
    path("<int:pk>/", reviewer.review, name="assignment"),
    path("<int:pk>/conflict/", reviewer.declare_conflict, name="conflict"),
]

call_patterns = [
    path("", dashboard.dashboard, name="call"),
    path("export.csv", dashboard.export, name="export"),
    path("phase/", calls.phase, name="phase"),
    path("rubric/", calls.rubric, name="rubric"),
    path("assignments/", assignments.assignments, name="assignments"),
    path("decisions/", decisions.decisions, name="decisions"),
    path("decisions/release/", release.Release.as_view(), name="release"),
    path("submissions/<int:item_pk>/", items.item, name="item"),
    path("submissions/<int:item_pk>/act/", items.item_act, name="item_act"),
    path(
        "submissions/<int:item_pk>/reviewers/<int:pk>/remove/",
        removing.AssignmentRemove.as_view(),
        name="assignment_remove",
    ),
]

secretariat_patterns = [
    path("", calls.home, name="home"),
    path("reviewers/", pool.pool, name="pool"),
    path("reviewers/<int:user_pk>/", pool.pool_profile, name="pool_profile"),
    path("calls/<int:call_pk>/", include(call_patterns)),
]

urlpatterns = [
    path("review/", include(reviewer_patterns)),
    path("secretariat/reviews/", include(secretariat_patterns)),
]
