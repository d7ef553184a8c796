"""What the writes of the cohort track share: who runs the track, and how large a shared
file may be."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from incubator.access import is_secretariat
from incubator.models import User

MAX_FILE_BYTES = 20 * 1024 * 1024


def require_secretariat(*, by: User) -> None:
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat runs the cohort track."))
