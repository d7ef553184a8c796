from django.contrib import admin
from django.urls import include, path

from incubator.views import accounts, organisations, public, secretariat

urlpatterns = [
    path("", public.home, name="home"),
    path("language/", public.language_switch, name="language_switch"),
    path("healthz", public.health, name="health"),
    path("accounts/", include("allauth.urls")),
    path("me/", accounts.dashboard, name="dashboard"),
    path("me/profile/", accounts.profile, name="profile"),
    path("teams/new/", organisations.organisation_new, name="organisation_new"),
    path("teams/<int:pk>/", organisations.organisation_detail, name="organisation_detail"),
    path("teams/<int:pk>/edit/", organisations.organisation_edit, name="organisation_edit"),
    path("teams/<int:pk>/invitations/", organisations.invitation_new, name="invitation_new"),
    path(
        "invitations/<str:token>/",
        organisations.invitation_accept_view,
        name="invitation_accept",
    ),
    path("secretariat/", secretariat.secretariat_home, name="secretariat_home"),
    path("secretariat/outbox/", secretariat.outbox, name="secretariat_outbox"),
    path(
        "secretariat/outbox/<int:pk>/retry/",
        secretariat.outbox_retry,
        name="secretariat_outbox_retry",
    ),
    path("secretariat/people/", secretariat.people, name="secretariat_people"),
    path(
        "secretariat/people/<int:pk>/role/", secretariat.people_role, name="secretariat_people_role"
    ),
    path("secretariat/admin/", admin.site.urls),
    path("", include("challenges.urls")),
    path("", include("solutions.urls")),
    path("", include("matching.urls")),
    path("", include("reviews.urls")),
    path("", include("cohorts.urls")),
    path("", include("outcomes.urls")),
]
