from django.http import Http404

from incubator.models import User
from mydata.access import visible_exports
from mydata.models import DataExport


def export_latest(*, user: User) -> DataExport | None:
    return visible_exports(user).first()


def export_of_owner(*, user: User, pk: int) -> DataExport:
    """Only its owner ever reaches an export; anybody else is told it does not exist."""
    export = visible_exports(user).filter(pk=pk).first()
    if export is None:
        raise Http404
    return export
