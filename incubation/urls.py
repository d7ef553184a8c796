from django.urls import include, path

from incubation.views import checkins, desk, manage, meetings, plan, workspace
from incubation.views import messages as conversation

app_name = "incubation"

plan_patterns = [
    path("", plan.plan, name="plan"),
    path("edit/", plan.plan_edit, name="plan_edit"),
    path("agree/<int:team_pk>/", plan.plan_agree_view, name="plan_agree"),
]

milestone_patterns = [
    path("new/", plan.milestone_new, name="milestone_new"),
    path("<int:milestone_pk>/edit/", plan.milestone_edit, name="milestone_edit"),
    path("<int:milestone_pk>/done/", plan.milestone_done, name="milestone_done"),
    path("<int:milestone_pk>/file/", plan.milestone_file, name="milestone_file"),
]

meeting_patterns = [
    path("", meetings.meeting_list, name="meetings"),
    path("new/", meetings.meeting_new, name="meeting_new"),
    path("<int:meeting_pk>/", meetings.meeting_detail, name="meeting"),
    path("<int:meeting_pk>/answer/", meetings.meeting_answer, name="meeting_answer"),
    path("<int:meeting_pk>/fix/", meetings.meeting_fix_view, name="meeting_fix"),
    path("<int:meeting_pk>/new-time/", meetings.meeting_reschedule_view, name="meeting_reschedule"),
    path("<int:meeting_pk>/cancel/", meetings.MeetingCancel.as_view(), name="meeting_cancel"),
    path("<int:meeting_pk>/invitation.ics", meetings.meeting_invitation, name="meeting_invitation"),
]

message_patterns = [
    path("", conversation.conversation, name="messages"),
    path("emails/", conversation.email_choice, name="email_choice"),
    path("<int:message_pk>/reply/", conversation.reply, name="message_reply"),
    path("<int:message_pk>/file/", conversation.attachment, name="message_file"),
    path("<int:message_pk>/pin/", conversation.pin, name="message_pin"),
]

closing_patterns = [
    path("check-ins/", checkins.checkin_list, name="checkins"),
    path("check-ins/<int:team_pk>/", checkins.checkin_send_view, name="checkin_send"),
    path("closing/", checkins.closing, name="closing"),
    path("closing/<int:team_pk>/", checkins.closing_report, name="closing_report"),
]

manage_patterns = [
    path("", manage.manage, name="manage"),
    path("mentor/", manage.mentor, name="mentor"),
    path("closing/", manage.ClosingStart.as_view(), name="closing_start"),
    path("close/", manage.IncubationClose.as_view(), name="close"),
    path("<slug:action>/", manage.move, name="move"),
]

workspace_patterns = [
    path("", workspace.overview, name="overview"),
    path("start/", plan.activate, name="activate"),
    path("teams/<int:team_pk>/hours/", workspace.hours, name="hours"),
    path("plan/", include(plan_patterns)),
    path("milestones/", include(milestone_patterns)),
    path("meetings/", include(meeting_patterns)),
    path("messages/", include(message_patterns)),
    path("", include(closing_patterns)),
    path("manage/", include(manage_patterns)),
]

desk_patterns = [
    path("", desk.programmes, name="desk_programmes"),
    path(
        "check-ins/<int:checkin_pk>/answer/", desk.checkin_answer_view, name="desk_checkin_answer"
    ),
    path("<slug:slug>/", desk.desk, name="desk"),
    path("<slug:slug>/incubations.csv", desk.desk_csv, name="desk_csv"),
    path("<slug:slug>/check-ins/", desk.checkins, name="desk_checkins"),
    path("<slug:slug>/check-in-interval/", desk.interval, name="desk_interval"),
]

urlpatterns = [
    path("incubations/", workspace.mine, name="mine"),
    path("incubations/<int:pk>/", include(workspace_patterns)),
    path("secretariat/incubations/", include(desk_patterns)),
]
