from django.urls import path

from exchange import views

app_name = "exchange"

urlpatterns = [
    path("secretariat/exchange/", views.exchange, name="home"),
    path("secretariat/exchange/<slug:slug>/export.json", views.exchange_export, name="export"),
]
