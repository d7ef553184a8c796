from django.urls import path

from secretariat.views import home

app_name = "secretariat"

urlpatterns = [
    path("secretariat/", home.home, name="home"),
]
