from django.urls import path

from mydata.views import erasure, exports

app_name = "mydata"

urlpatterns = [
    path("me/data/", exports.home, name="home"),
    path("me/data/copies/", exports.export_start, name="export_start"),
    path("me/data/copies/<int:pk>/status/", exports.export_status, name="export_status"),
    path("me/data/copies/<int:pk>/download/", exports.export_download, name="export_download"),
    path("me/data/delete/", erasure.AccountDelete.as_view(), name="account_delete"),
    path("account-deleted/", erasure.account_deleted, name="account_deleted"),
]
