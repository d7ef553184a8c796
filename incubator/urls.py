from django.urls import include, path

from incubator.models import PageSlug
from incubator.views import (
    accounts,
    contact,
    notifications,
    organisations,
    pages,
    programmes,
    public,
    secretariat,
)

app_name = "incubator"

about_patterns = [
    path("", public.home, name="home"),
    path("language/", public.language_switch, name="language_switch"),
    path("healthz", public.health, name="health"),
    *(path(f"{slug}/", pages.about_page, {"slug": slug}, name=slug) for slug in PageSlug.values),
    path("terms/accept/", pages.terms_accept_view, name="terms_accept"),
    path("contact/", contact.contact, name="contact"),
    path("contact/sent/", contact.contact_sent, name="contact_sent"),
    path("unsubscribe/<str:token>/", notifications.Unsubscribe.as_view(), name="unsubscribe"),
]

notification_patterns = [
    path("", notifications.notifications, name="notifications"),
    path("read/", notifications.notifications_read, name="notifications_read"),
    path("choices/", notifications.mail_choices, name="mail_choices"),
    path("<int:pk>/", notifications.notification_detail, name="notification_detail"),
]

pages_patterns = [
    path("", pages.pages_desk, name="pages_desk"),
    path("<slug:slug>/", pages.page_edit, name="page_edit"),
]

contact_patterns = [
    path("", contact.contact_inbox, name="contact_inbox"),
    path("<int:pk>/", contact.contact_detail, name="contact_detail"),
    path("<int:pk>/close/", contact.ContactClose.as_view(), name="contact_close"),
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
    path("me/notifications/", include(notification_patterns)),
    path("teams/", include(team_patterns)),
    path(
        "invitations/<str:token>/",
        organisations.invitation_accept_view,
        name="invitation_accept",
    ),
    path("secretariat/outbox/", include(outbox_patterns)),
    path("secretariat/pages/", include(pages_patterns)),
    path("secretariat/contact/", include(contact_patterns)),
    path("secretariat/people/", include(people_patterns)),
    path("secretariat/programmes/", include(programme_patterns)),
    path("secretariat/calls/", include(call_patterns)),
]
