"""Every write of the cohort track, one module per part of it: cohorts and enrolment,
sessions and their changes, registrations with the waitlist and attendance, feedback,
calendar feeds, what members share (resources, opportunities), and the reminders before
each session. Callers import from here."""

# Read by the demo seeder from here since before the split.
from cohorts.scheduling import end_of_day
from cohorts.services.calendar_feeds import calendar_feed_create, calendar_feed_revoke
from cohorts.services.cohorts import cohort_create, cohort_enrol, cohort_unenrol
from cohorts.services.feedback import feedback_give
from cohorts.services.registration import (
    attendance_record,
    registration_cancel,
    registration_create,
)
from cohorts.services.reminders import session_reminders_send
from cohorts.services.sessions import (
    SESSION_FIELDS,
    session_cancel,
    session_create,
    session_material_save,
    session_update,
)
from cohorts.services.sharing import (
    opportunity_post,
    opportunity_remove,
    resource_remove,
    resource_share,
)

__all__ = [
    "SESSION_FIELDS",
    "attendance_record",
    "calendar_feed_create",
    "calendar_feed_revoke",
    "cohort_create",
    "cohort_enrol",
    "cohort_unenrol",
    "end_of_day",
    "feedback_give",
    "opportunity_post",
    "opportunity_remove",
    "registration_cancel",
    "registration_create",
    "resource_remove",
    "resource_share",
    "session_cancel",
    "session_create",
    "session_material_save",
    "session_reminders_send",
    "session_update",
]
