from django.urls import include, path

from reviews.views import reviewer, secretariat

reviewer_patterns = [
    path("", reviewer.desk, name="review_desk"),
    path("export.csv", reviewer.export_mine, name="review_export_mine"),
    path("<int:pk>/", reviewer.review, name="review_assignment"),
    path("<int:pk>/conflict/", reviewer.declare_conflict, name="review_conflict"),
]

call_patterns = [
    path("", secretariat.dashboard, name="review_call"),
    path("export.csv", secretariat.export, name="review_export"),
    path("phase/", secretariat.phase, name="review_phase"),
    path("rubric/", secretariat.rubric, name="review_rubric"),
    path("assignments/", secretariat.assignments, name="review_assignments"),
    path("decisions/", secretariat.decisions, name="review_decisions"),
    path("submissions/<int:item_pk>/", secretariat.item, name="review_item"),
    path("submissions/<int:item_pk>/act/", secretariat.item_act, name="review_item_act"),
]

secretariat_patterns = [
    path("", secretariat.home, name="review_home"),
    path("reviewers/", secretariat.pool, name="review_pool"),
    path("reviewers/<int:user_pk>/", secretariat.pool_profile, name="review_pool_profile"),
    path("calls/<int:call_pk>/", include(call_patterns)),
]

urlpatterns = [
    path("review/", include(reviewer_patterns)),
    path("secretariat/reviews/", include(secretariat_patterns)),
]
