from django.urls import path

from incubator.views import accounts, organisations, programmes, public, secretariat

app_name = "incubator"

urlpatterns = [
    path("", public.home, name="home"),
    path("language/", public.language_switch, name="language_switch"),
    path("healthz", public.health, name="health"),
    path("accessibility/", public.accessibility, name="accessibility"),
    path("privacy/", public.privacy, name="privacy"),
    path("help/", public.help_page, name="help"),
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
    path("secretariat/outbox/", secretariat.outbox, name="outbox"),
    path(
        "secretariat/outbox/<int:pk>/retry/",
        secretariat.OutboxRetry.as_view(),
        name="outbox_retry",
    ),
    path("secretariat/people/", secretariat.people, name="people"),
    path("secretariat/calls/", programmes.programmes, name="programmes"),
    path("secretariat/programmes/new/", programmes.programme_new, name="programme_new"),
    path(
        "secretariat/programmes/<slug:slug>/edit/",
        programmes.programme_edit,
        name="programme_edit",
    ),
    path("secretariat/programmes/<slug:slug>/calls/new/", programmes.call_new, name="call_new"),
    path("secretariat/calls/<int:pk>/edit/", programmes.call_edit, name="call_edit"),
    path("secretariat/calls/<int:pk>/close/", programmes.CallClose.as_view(), name="call_close"),
    path("secretariat/people/<int:pk>/role/", secretariat.people_role, name="people_role"),
]
