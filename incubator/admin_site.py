"""The Django admin, for the secretariat's raw data, behind the same login and
two-factor rule as every secretariat page."""

from functools import update_wrapper

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext_lazy as _

from incubator.access import is_secretariat, secretariat_gate
from incubator.dates import DATE_FIELDS, bounded


class SecretariatAdminSite(admin.AdminSite):
    site_header = _("Innovation Incubator — raw data")
    site_title = _("Incubator admin")
    index_title = _("Programme records")

    def has_permission(self, request):
        user = request.user
        return user.is_active and is_secretariat(user)

    def login(self, request, extra_context=None):
        return redirect_to_login(request.GET.get("next", request.path))

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def gated(request, *args, **kwargs):
            return secretariat_gate(request) or inner(request, *args, **kwargs)

        return update_wrapper(gated, view)


class SecretariatModelAdmin(admin.ModelAdmin):
    """Secretariat accounts are not Django superusers: the role is the permission."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(db_field, DATE_FIELDS):
            bounded(field)
        return field

    def has_module_permission(self, request):
        return is_secretariat(request.user)

    def has_view_permission(self, request, obj=None):
        return is_secretariat(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EditableBySecretariatAdmin(SecretariatModelAdmin):
    def has_add_permission(self, request):
        return is_secretariat(request.user)

    def has_change_permission(self, request, obj=None):
        return is_secretariat(request.user)
