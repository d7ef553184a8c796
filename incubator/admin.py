from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken
from django import forms
from django.contrib import admin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from incubator.admin_site import EditableBySecretariatAdmin, SecretariatModelAdmin
from incubator.forms.bilingual import NO_FRENCH, BilingualFormMixin
from incubator.models import (
    AuditEntry,
    Call,
    Invitation,
    Membership,
    Notification,
    Organisation,
    Programme,
    RoleGrant,
    Theme,
    User,
)
from incubator.services.programmes import vocabulary_save

# Roles are the portal's permissions, and second factors are nobody's to browse, nor
# are links to identity providers (which are configured from the environment). Their
# apps' admin modules are imported first: the core is listed before them in
# INSTALLED_APPS (its templates override theirs), so it is discovered before them.
import_module("django.contrib.auth.admin")
import_module("allauth.account.admin")
import_module("allauth.mfa.admin")
import_module("allauth.socialaccount.admin")
for model in (Group, EmailAddress, Authenticator, SocialApp, SocialAccount, SocialToken):
    admin.site.unregister(model)


class VocabularyAdmin(EditableBySecretariatAdmin):
    """Themes, programmes and calls: each text in English, and in French where written."""

    def save_model(self, request, obj, form, change):
        vocabulary_save(record=obj, by=request.user)

    @admin.display(description=_("In French"))
    def in_french(self, obj) -> str:
        field = self.form.bilingual_fields[0]
        return getattr(obj, f"{field}_fr") or NO_FRENCH


class ThemeAdminForm(BilingualFormMixin, forms.ModelForm):
    bilingual_fields = ("name", "description")

    class Meta:
        model = Theme
        fields = ["slug", "name", "name_fr", "description", "description_fr"]


class ProgrammeAdminForm(BilingualFormMixin, forms.ModelForm):
    bilingual_fields = ("name", "description")

    class Meta:
        model = Programme
        fields = ["slug", "name", "name_fr", "description", "description_fr"]


class CallAdminForm(BilingualFormMixin, forms.ModelForm):
    bilingual_fields = ("title", "introduction")

    class Meta:
        model = Call
        fields = [
            "programme",
            "kind",
            "title",
            "title_fr",
            "introduction",
            "introduction_fr",
            "opens_at",
            "closes_at",
            "deadline_time_zone",
        ]


@admin.register(Theme)
class ThemeAdmin(VocabularyAdmin):
    form = ThemeAdminForm
    list_display = ["name", "in_french", "slug"]
    search_fields = ["name", "name_fr", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Programme)
class ProgrammeAdmin(VocabularyAdmin):
    form = ProgrammeAdminForm
    list_display = ["name", "in_french", "slug", "created_at"]
    search_fields = ["name", "name_fr", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Call)
class CallAdmin(VocabularyAdmin):
    form = CallAdminForm
    list_display = [
        "title",
        "in_french",
        "programme",
        "kind",
        "opens_at",
        "closes_at",
        "deadline_time_zone",
    ]
    list_filter = ["kind", "programme"]
    list_select_related = ["programme"]


class MembershipInline(admin.TabularInline):
    model = Membership
    fields = ["user", "joined_at"]
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Organisation)
class OrganisationAdmin(SecretariatModelAdmin):
    list_display = ["name", "country", "level", "time_zone"]
    list_filter = ["level", "country"]
    search_fields = ["name"]
    inlines = [MembershipInline]


@admin.register(Invitation)
class InvitationAdmin(SecretariatModelAdmin):
    list_display = ["email", "organisation", "created_at", "expires_at", "accepted_at"]
    list_select_related = ["organisation"]
    search_fields = ["email", "organisation__name"]


@admin.register(User)
class UserAdmin(SecretariatModelAdmin):
    list_display = ["email", "display_name", "time_zone", "language", "is_active", "date_joined"]
    search_fields = ["email", "display_name"]
    exclude = ["password", "groups", "user_permissions"]


@admin.register(RoleGrant)
class RoleGrantAdmin(SecretariatModelAdmin):
    list_display = ["user", "role", "granted_by", "granted_at"]
    list_select_related = ["user", "granted_by"]
    list_filter = ["role"]


@admin.register(Notification)
class NotificationAdmin(SecretariatModelAdmin):
    list_display = ["subject", "to_email", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["to_email", "subject", "key"]


@admin.register(AuditEntry)
class AuditEntryAdmin(SecretariatModelAdmin):
    list_display = ["created_at", "actor", "action", "target_type", "target_id"]
    list_select_related = ["actor", "target_type"]
    list_filter = ["action"]
