from django.urls import include, path

from cohorts.views import removing, sessions, sharing
from cohorts.views.desk import cohorts, planning, session

app_name = "cohorts"

session_patterns = [
    path("", sessions.session_list, name="sessions"),
    path("<int:pk>/", sessions.session_detail, name="session"),
    path("<int:pk>/register/", sessions.session_register, name="session_register"),
    path("<int:pk>/cancel/", sessions.session_unregister, name="session_unregister"),
    path("<int:pk>/calendar.ics", sessions.session_ics, name="session_ics"),
    path("<int:pk>/slides/", sessions.session_slides, name="session_slides"),
    path("<int:pk>/feedback/", sessions.session_feedback, name="session_feedback"),
]

calendar_patterns = [
    path("", sessions.calendar_page, name="calendar"),
    path("new/", sessions.calendar_feed_new, name="calendar_new"),
    path("revoke/", sessions.CalendarFeedStop.as_view(), name="calendar_revoke"),
    path("<slug:token>.ics", sessions.calendar_feed, name="feed"),
]

resource_patterns = [
    path("", sharing.resource_list, name="resources"),
    path("new/", sharing.resource_new, name="resource_new"),
    path("<int:pk>/file/", sharing.resource_file, name="resource_file"),
    path("<int:pk>/remove/", removing.ResourceRemove.as_view(), name="resource_remove"),
]

opportunity_patterns = [
    path("", sharing.opportunity_list, name="opportunities"),
    path("new/", sharing.opportunity_new, name="opportunity_new"),
    path("<int:pk>/remove/", removing.OpportunityRemove.as_view(), name="opportunity_remove"),
]

member_patterns = [
    path("sessions/", include(session_patterns)),
    path("calendar/", include(calendar_patterns)),
    path("resources/", include(resource_patterns)),
    path("opportunities/", include(opportunity_patterns)),
]

cohort_desk_patterns = [
    path("", cohorts.cohort_detail, name="desk_cohort"),
    path("teams/", cohorts.cohort_enrol_teams, name="desk_cohort_enrol"),
    path(
        "teams/<int:organisation_pk>/remove/",
        removing.TeamRemove.as_view(),
        name="desk_cohort_remove_team",
    ),
    path("feedback/", cohorts.cohort_feedback, name="desk_cohort_feedback"),
    path("resources/new/", cohorts.cohort_resource_new, name="desk_cohort_resource_new"),
    path("sessions/new/", planning.session_new, name="desk_session_new"),
]

session_desk_patterns = [
    path("", session.session_desk, name="desk_session"),
    path("edit/", planning.session_edit, name="desk_session_edit"),
    path("cancel/", session.SessionCancel.as_view(), name="desk_session_cancel"),
    path("attendance/", session.session_attendance, name="desk_session_attendance"),
    path("material/", session.session_material, name="desk_session_material"),
]

desk_patterns = [
    path("", cohorts.cohort_desk, name="desk_cohorts"),
    path("<int:pk>/", include(cohort_desk_patterns)),
    path("sessions/<int:pk>/", include(session_desk_patterns)),
]

urlpatterns = [
    path("cohort/", include(member_patterns)),
    path("secretariat/cohorts/", include(desk_patterns)),
]
