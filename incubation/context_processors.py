"""What every page knows of the viewer's incubations, read only when a page asks: the
main navigation's "My incubations" link and the section on the team member's portal.
The core's templates use it without the core importing incubation."""

from functools import cached_property

from django.utils import timezone

from incubation.selectors.workspace import has_incubations
from incubation.selectors.workspace import my_incubations as cards_of


class MyIncubations:
    def __init__(self, user):
        self._user = user

    @cached_property
    def _any(self) -> bool:
        return self._user.is_authenticated and has_incubations(user=self._user)

    def __bool__(self) -> bool:
        return self._any

    @cached_property
    def cards(self):
        if not self._user.is_authenticated:
            return []
        return cards_of(user=self._user, now=timezone.now())


def my_incubations(request):
    user = getattr(request, "user", None)
    return {"my_incubations": MyIncubations(user)} if user is not None else {}
