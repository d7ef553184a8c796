"""Who may see a person's own data: the one policy of the data copies.

A copy of someone's data is theirs alone: not their team's, not the secretariat's
(whose second factor opens other teams' files, not a person's whole record). Anybody
else is answered 404: ids reveal nothing."""

from django.db.models import QuerySet

from incubator.models import User
from mydata.models import DataExport


def visible_exports(user: User) -> QuerySet[DataExport]:
    if not user.is_authenticated:
        return DataExport.objects.none()
    return DataExport.objects.filter(user=user)
