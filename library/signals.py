"""The index follows the audit trail: every service that changes what the public may
see (publishing, decisions, consent, stories, matches, incubations, imports) records an
audit entry, and the entries of that round are rewritten once its transaction commits."""

from functools import partial

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from incubator.models import AuditEntry
from library.index import library_refresh

WATCHED = ("challenge.", "solution.", "showcase.", "story.", "match.", "incubation.", "closing.")
IGNORED = (".started", ".edited", ".attachment_added", ".attachment_removed")
# From each kind of audited record to its programme.
PROGRAMME_OF = {
    "challenges.challenge": "call__programme",
    "solutions.solution": "call__programme",
    "outcomes.showcaseconsent": "programme",
    "outcomes.story": "match__programme",
    "matching.match": "programme",
    "incubation.incubation": "programme",
    "incubation.closingreport": "incubation__programme",
    "incubator.programme": "pk",
}
_pending: set[int] = set()


def _is_watched(action: str) -> bool:
    if action == "programme.imported":
        return True
    return action.startswith(WATCHED) and not action.endswith(IGNORED)


def _flush(programme_id: int) -> None:
    # Many entries of one transaction (a release of decisions) ask for one rewrite.
    if programme_id in _pending:
        _pending.discard(programme_id)
        library_refresh(programme_ids=[programme_id])


@receiver(post_save, sender=AuditEntry, dispatch_uid="library_follows_audit")
def follow_audit(sender, instance: AuditEntry, created: bool, **kwargs) -> None:
    if not created or not _is_watched(instance.action):
        return
    label = f"{instance.target_type.app_label}.{instance.target_type.model}"
    path = PROGRAMME_OF.get(label)
    if path is None:
        return
    model = apps.get_model(label)
    programme_id = model.objects.filter(pk=instance.target_id).values_list(path, flat=True).first()
    if programme_id is not None:
        _pending.add(programme_id)
        transaction.on_commit(partial(_flush, programme_id))
