"""The portal's addresses: each app's own, under its namespace."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("incubator.urls")),
    path("accounts/", include("allauth.urls")),
    path("secretariat/admin/", admin.site.urls),
    path("", include("challenges.urls")),
    path("", include("solutions.urls")),
    path("", include("reviews.urls")),
    path("", include("matching.urls")),
    path("", include("exchange.urls")),
    path("", include("cohorts.urls")),
    path("", include("outcomes.urls")),
    path("", include("secretariat.urls")),
]
