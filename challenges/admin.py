from django.contrib import admin

from challenges.models import Challenge, ChallengeAttachment
from incubator.admin_site import SecretariatModelAdmin


@admin.register(Challenge)
class ChallengeAdmin(SecretariatModelAdmin):
    list_display = ["title", "organisation", "call", "status", "submitted_at", "published_at"]
    list_filter = ["status", "call", "sector", "lifecycle_stage"]
    list_select_related = ["organisation", "call"]
    search_fields = ["title", "summary", "organisation__name"]
    exclude = ["search_vector"]


@admin.register(ChallengeAttachment)
class ChallengeAttachmentAdmin(SecretariatModelAdmin):
    list_display = ["original_name", "challenge", "kind", "size", "uploaded_at"]
    list_select_related = ["challenge"]
