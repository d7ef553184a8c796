from django.urls import include, path

from incubator.views import accounts, organisations, programmes, public, secretariat

app_name = "incubator"

about_patterns = [
    path("", public.home, name="home"),
    path("language/", public.language_switch, name="language_switch"),
    path("healthz", public.health, name="health"),
    path("accessibility/", public.accessibility, name="accessibility"),
    path("privacy/", public.privacy, name="privacy"),
    path("help/", public.help_page, name="help"),
]

team_patterns = [
    path("new/", organisations.organisation_new, name="organisation_new"),
    path("<int:pk>/", organisations.organisation_detail, name="organisation_detail"),
    path("<int:pk>/edit/", organisations.organisation_edit, name="organisation_edit"),
    path("<int:pk>/invitations/", organisations.invitation_new, name="invitation_new"),
]

outbox_patterns = [
    path("", secretariat.outbox, name="outbox"),
    path("<int:pk>/retry/", secretariat.OutboxRetry.as_view(), name="outbox_retry"),
    path(
        "kinds/<str:kind>/retry/", secretariat.OutboxRetryKind.as_view(), name="outbox_retry_kind"
    ),
]

people_patterns = [
    path("", secretariat.people, name="people"),
    path("<int:pk>/role/", secretariat.people_role, name="people_role"),
]

programme_patterns = [
    path("new/", programmes.programme_new, name="programme_new"),
    path("<slug:slug>/edit/", programmes.programme_edit, name="programme_edit"),
    path("<slug:slug>/calls/new/", programmes.call_new, name="call_new"),
]

call_patterns = [
    path("", programmes.programmes, name="programmes"),
    path("<int:pk>/edit/", programmes.call_edit, name="call_edit"),
    path("<int:pk>/close/", programmes.CallClose.as_view(), name="call_close"),
]

urlpatterns = [
    path("", include(about_patterns)),
    path("me/", accounts.dashboard, name="dashboard"),
    path("me/profile/", accounts.profile, name="profile"),
    path("teams/", include(team_patterns)),
    path(
        "invitations/<str:token>/",
        organisations.invitation_accept_view,
        name="invitation_accept",
    ),
    path("secretariat/outbox/", include(outbox_patterns)),
    path("secretariat/people/", include(people_patterns)),
    path("secretariat/programmes/", include(programme_patterns)),
    path("secretariat/calls/", include(call_patterns)),
]
