from django.urls import include, path

from cohorts.views import removing, sessions, sharing
from cohorts.views.desk import cohorts, planning, session

app_name = "cohorts"

member_patterns = [
    path("sessions/", sessions.session_list, name="sessions"),
    path("sessions/<int:pk>/", sessions.session_detail, name="session"),
    path("sessions/<int:pk>/register/", sessions.session_register, name="session_register"),
    path("sessions/<int:pk>/cancel/", sessions.session_unregister, name="session_unregister"),
    path("sessions/<int:pk>/calendar.ics", sessions.session_ics, name="session_ics"),
    path("sessions/<int:pk>/slides/", sessions.session_slides, name="session_slides"),
    path("sessions/<int:pk>/feedback/", sessions.session_feedback, name="session_feedback"),
    path("calendar/", sessions.calendar_page, name="calendar"),
    path("calendar/new/", sessions.calendar_feed_new, name="calendar_new"),
    path("calendar/revoke/", sessions.CalendarFeedStop.as_view(), name="calendar_revoke"),
    path("calendar/<slug:token>.ics", sessions.calendar_feed, name="feed"),
    path("resources/", sharing.resource_list, name="resources"),
    path("resources/new/", sharing.resource_new, name="resource_new"),
    path("resources/<int:pk>/file/", sharing.resource_file, name="resource_file"),
    path("resources/<int:pk>/remove/", removing.ResourceRemove.as_view(), name="resource_remove"),
    path("opportunities/", sharing.opportunity_list, name="opportunities"),
    path("opportunities/new/", sharing.opportunity_new, name="opportunity_new"),
    path(
        "opportunities/<int:pk>/remove/",
        removing.OpportunityRemove.as_view(),
        name="opportunity_remove",
    ),
]

desk_patterns = [
    path("", cohorts.cohort_desk, name="desk_cohorts"),
    path("<int:pk>/", cohorts.cohort_detail, name="desk_cohort"),
    path("<int:pk>/teams/", cohorts.cohort_enrol_teams, name="desk_cohort_enrol"),
    path(
        "<int:pk>/teams/<int:organisation_pk>/remove/",
        removing.TeamRemove.as_view(),
        name="desk_cohort_remove_team",
    ),
    path("<int:pk>/feedback/", cohorts.cohort_feedback, name="desk_cohort_feedback"),
    path("<int:pk>/resources/new/", cohorts.cohort_resource_new, name="desk_cohort_resource_new"),
    path("<int:pk>/sessions/new/", planning.session_new, name="desk_session_new"),
    path("sessions/<int:pk>/", session.session_desk, name="desk_session"),
    path("sessions/<int:pk>/edit/", planning.session_edit, name="desk_session_edit"),
    path("sessions/<int:pk>/cancel/", session.SessionCancel.as_view(), name="desk_session_cancel"),
    path(
        "sessions/<int:pk>/attendance/", session.session_attendance, name="desk_session_attendance"
    ),
    path("sessions/<int:pk>/material/", session.session_material, name="desk_session_material"),
]

urlpatterns = [
    path("cohort/", include(member_patterns)),
    path("secretariat/cohorts/", include(desk_patterns)),
]
