from django.urls import include, path

from reviews.views import reviewer, secretariat

app_name = "reviews"

reviewer_patterns = [
    path("", reviewer.desk, name="desk"),
    path("export.csv", reviewer.export_mine, name="export_mine"),
    path("<int:pk>/", reviewer.review, name="assignment"),
    path("<int:pk>/conflict/", reviewer.declare_conflict, name="conflict"),
]

call_patterns = [
    path("", secretariat.dashboard, name="call"),
    path("export.csv", secretariat.export, name="export"),
    path("phase/", secretariat.phase, name="phase"),
    path("rubric/", secretariat.rubric, name="rubric"),
    path("assignments/", secretariat.assignments, name="assignments"),
    path("decisions/", secretariat.decisions, name="decisions"),
    path("submissions/<int:item_pk>/", secretariat.item, name="item"),
    path("submissions/<int:item_pk>/act/", secretariat.item_act, name="item_act"),
]

secretariat_patterns = [
    path("", secretariat.home, name="home"),
    path("reviewers/", secretariat.pool, name="pool"),
    path("reviewers/<int:user_pk>/", secretariat.pool_profile, name="pool_profile"),
    path("calls/<int:call_pk>/", include(call_patterns)),
]

urlpatterns = [
    path("review/", include(reviewer_patterns)),
    path("secretariat/reviews/", include(secretariat_patterns)),
]
