from django.contrib import admin

from incubator.admin_site import SecretariatModelAdmin
from reviews.models import Assignment, Conflict, Criterion, Decision, ReviewerProfile, ReviewPhase


@admin.register(ReviewPhase)
class ReviewPhaseAdmin(SecretariatModelAdmin):
    list_display = ["call", "opens_at", "due_at", "closes_at", "reviewers_per_submission"]
    list_select_related = ["call"]


@admin.register(Criterion)
class CriterionAdmin(SecretariatModelAdmin):
    list_display = ["name", "call", "weight", "position"]
    list_select_related = ["call"]


@admin.register(ReviewerProfile)
class ReviewerProfileAdmin(SecretariatModelAdmin):
    list_display = ["user", "country", "organisation"]
    list_select_related = ["user", "organisation"]


@admin.register(Assignment)
class AssignmentAdmin(SecretariatModelAdmin):
    list_display = ["item", "reviewer", "assigned_at", "submitted_at"]
    list_select_related = ["item__content_type", "reviewer"]


@admin.register(Conflict)
class ConflictAdmin(SecretariatModelAdmin):
    list_display = ["item", "reviewer", "declared_at"]
    list_select_related = ["item__content_type", "reviewer"]


@admin.register(Decision)
class DecisionAdmin(SecretariatModelAdmin):
    list_display = ["item", "outcome", "staged_at", "released_at"]
    list_select_related = ["item__content_type"]
