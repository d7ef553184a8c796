"""Who hears that a submission's answers changed. The kernel cannot know the stages that
stand on it, so each registers a listener in its AppConfig.ready() (matching keeps the
embedding of each text); a listener runs once the saving transaction has committed."""

from collections.abc import Callable
from functools import partial

from django.db import transaction

from submissions.models import Submission

Listener = Callable[[Submission], None]
_listeners: list[Listener] = []


def submission_changes_listen(listener: Listener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def submission_changed(submission: Submission) -> None:
    """Tell every listener, after the commit, that `submission` was edited or submitted."""
    for listener in _listeners:
        transaction.on_commit(partial(listener, submission))
