from django.urls import include, path

from incubation.views import checkins, desk, manage, meetings, plan, workspace
from incubation.views import messages as conversation

app_name = "incubation"

workspace_patterns = [
    path("", workspace.overview, name="overview"),
    path("start/", plan.activate, name="activate"),
    path("teams/<int:team_pk>/hours/", workspace.hours, name="hours"),
    path("plan/", plan.plan, name="plan"),
    path("plan/edit/", plan.plan_edit, name="plan_edit"),
    path("plan/agree/<int:team_pk>/", plan.plan_agree_view, name="plan_agree"),
    path("milestones/new/", plan.milestone_new, name="milestone_new"),
    path("milestones/<int:milestone_pk>/edit/", plan.milestone_edit, name="milestone_edit"),
    path("milestones/<int:milestone_pk>/done/", plan.milestone_done, name="milestone_done"),
    path("milestones/<int:milestone_pk>/file/", plan.milestone_file, name="milestone_file"),
    path("meetings/", meetings.meeting_list, name="meetings"),
    path("meetings/new/", meetings.meeting_new, name="meeting_new"),
    path("meetings/<int:meeting_pk>/", meetings.meeting_detail, name="meeting"),
    path("meetings/<int:meeting_pk>/answer/", meetings.meeting_answer, name="meeting_answer"),
    path("meetings/<int:meeting_pk>/fix/", meetings.meeting_fix_view, name="meeting_fix"),
    path(
        "meetings/<int:meeting_pk>/new-time/",
        meetings.meeting_reschedule_view,
        name="meeting_reschedule",
    ),
    path("meetings/<int:meeting_pk>/cancel/", meetings.meeting_cancel_view, name="meeting_cancel"),
    path(
        "meetings/<int:meeting_pk>/invitation.ics",
        meetings.meeting_invitation,
        name="meeting_invitation",
    ),
    path("messages/", conversation.conversation, name="messages"),
    path("messages/emails/", conversation.email_choice, name="email_choice"),
    path("messages/<int:message_pk>/reply/", conversation.reply, name="message_reply"),
    path("messages/<int:message_pk>/file/", conversation.attachment, name="message_file"),
    path("messages/<int:message_pk>/pin/", conversation.pin, name="message_pin"),
    path("check-ins/", checkins.checkin_list, name="checkins"),
    path("check-ins/<int:team_pk>/", checkins.checkin_send_view, name="checkin_send"),
    path("closing/", checkins.closing, name="closing"),
    path("closing/<int:team_pk>/", checkins.closing_report, name="closing_report"),
    path("manage/", manage.manage, name="manage"),
    path("manage/mentor/", manage.mentor, name="mentor"),
    path("manage/<slug:action>/", manage.move, name="move"),
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
