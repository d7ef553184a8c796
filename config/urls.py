"""The portal's addresses: each app's own, under its namespace."""

from django.contrib import admin
from django.urls import include, path

handler400 = "incubator.views.errors.bad_request"
handler403 = "incubator.views.errors.permission_denied"
handler404 = "incubator.views.errors.page_not_found"
handler500 = "incubator.views.errors.server_error"

urlpatterns = [
    path("", include("incubator.urls")),
    path("accounts/", include("allauth.urls")),
    path("secretariat/admin/", admin.site.urls),
    path("", include("challenges.urls")),
    path("", include("solutions.urls")),
    path("", include("reviews.urls")),
    path("", include("matching.urls")),
    path("", include("incubation.urls")),
    path("", include("exchange.urls")),
    path("", include("cohorts.urls")),
    path("", include("outcomes.urls")),
    path("", include("library.urls")),
    path("", include("secretariat.urls")),
    path("", include("mydata.urls")),
]
