from django.contrib import admin

from cohorts.models import Cohort, Enrolment, Feedback, Opportunity, Registration, Resource, Session
from incubator.admin_site import SecretariatModelAdmin

# Read-only, like the challenges: every change goes through the cohort desk, whose
# services check it, record it and tell the people concerned. Calendar feeds are not
# listed: their tokens are keys to people's calendars.


class EnrolmentInline(admin.TabularInline):
    model = Enrolment
    fields = ["organisation", "enrolled_by", "enrolled_at"]
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Cohort)
class CohortAdmin(SecretariatModelAdmin):
    list_display = ["name", "programme", "created_at"]
    list_select_related = ["programme"]
    search_fields = ["name"]
    inlines = [EnrolmentInline]


@admin.register(Session)
class SessionAdmin(SecretariatModelAdmin):
    list_display = ["title", "cohort", "theme", "starts_at", "reference_time_zone", "capacity"]
    list_filter = ["cohort", "theme", "format"]
    list_select_related = ["cohort", "theme"]
    search_fields = ["title", "description", "facilitators"]
    date_hierarchy = "starts_at"


@admin.register(Registration)
class RegistrationAdmin(SecretariatModelAdmin):
    list_display = ["user", "session", "status", "queued_at", "attended"]
    list_filter = ["status", "attended"]
    list_select_related = ["user", "session"]
    search_fields = ["user__email", "session__title"]


@admin.register(Resource)
class ResourceAdmin(SecretariatModelAdmin):
    list_display = ["title", "cohort", "organisation", "shared_by", "created_at"]
    list_filter = ["cohort", "themes"]
    list_select_related = ["cohort", "organisation", "shared_by"]
    search_fields = ["title", "description"]


@admin.register(Opportunity)
class OpportunityAdmin(SecretariatModelAdmin):
    list_display = ["title", "kind", "organisation", "expires_on", "time_zone"]
    list_filter = ["kind", "cohort"]
    list_select_related = ["organisation"]
    search_fields = ["title", "description"]


@admin.register(Feedback)
class FeedbackAdmin(SecretariatModelAdmin):
    list_display = ["session", "rating", "updated_at"]
    list_filter = ["rating"]
    list_select_related = ["session"]
