from django.urls import include, path

from solutions.views import team
from submissions.views.team import attachment_url, drafting_urls

app_name = "solutions"

urlpatterns = [
    path("me/solutions/", include(drafting_urls(team.pages))),
    attachment_url("solutions/<int:pk>/files/<int:file_pk>/", team.pages),
]
