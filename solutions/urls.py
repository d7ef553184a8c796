from django.urls import include, path

from solutions.views import team

urlpatterns = [
    path("me/solutions/", include(team.pages.urls())),
    path(
        "solutions/<int:pk>/files/<int:file_pk>/",
        team.pages.attachment_download,
        name="solution_attachment",
    ),
]
