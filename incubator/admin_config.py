from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    default_site = "incubator.admin_site.SecretariatAdminSite"
