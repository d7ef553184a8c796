from django.contrib import admin

from incubator.admin_site import SecretariatModelAdmin
from solutions.models import Solution, SolutionAttachment


@admin.register(Solution)
class SolutionAdmin(SecretariatModelAdmin):
    list_display = ["title", "organisation", "call", "status", "capacity", "submitted_at"]
    list_filter = ["status", "call"]
    list_select_related = ["organisation", "call"]
    search_fields = ["title", "summary", "organisation__name"]


@admin.register(SolutionAttachment)
class SolutionAttachmentAdmin(SecretariatModelAdmin):
    list_display = ["original_name", "solution", "kind", "size", "uploaded_at"]
    list_select_related = ["solution"]
