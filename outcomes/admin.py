from django.contrib import admin

from incubator.admin_site import SecretariatModelAdmin
from outcomes.models import ShowcaseConsent, Story, Survey

# Read-only, like the rest of the programme's records: consent is the teams' own to
# give, stories are decided in the story queue, and surveys are answered by the teams.


@admin.register(ShowcaseConsent)
class ShowcaseConsentAdmin(SecretariatModelAdmin):
    list_display = ["organisation", "programme", "given", "changed_at"]
    list_filter = ["programme", "given"]
    list_select_related = ["organisation", "programme"]
    search_fields = ["organisation__name"]


@admin.register(Story)
class StoryAdmin(SecretariatModelAdmin):
    list_display = ["title", "organisation", "state", "submitted_at", "decided_at"]
    list_filter = ["state"]
    list_select_related = ["organisation"]
    search_fields = ["title", "organisation__name"]


@admin.register(Survey)
class SurveyAdmin(SecretariatModelAdmin):
    list_display = ["match", "organisation", "milestone", "due_at", "answered_at"]
    list_filter = ["milestone", "stage_reached"]
    list_select_related = ["match__challenge", "match__solution", "organisation"]
    search_fields = ["organisation__name", "match__challenge__title"]
