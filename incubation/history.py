"""The plan's history in words: one sentence per change the audit trail recorded."""

from django.utils.translation import gettext as _

from incubator.models import AuditEntry


def _fields(details: dict) -> str:
    names = {"goal": _("goal"), "deliverables": _("expected deliverables")}
    parts = [names[name] for name in details.get("fields", []) if name in names]
    parts += [_("what %(team)s brings") % {"team": team} for team in details.get("teams", [])]
    return ", ".join(parts)


SENTENCES = {
    "incubation.opened": lambda d: _("The incubation opened."),
    "incubation.team_joined": lambda d: _("%(team)s joined the incubation.") % d,
    "plan.changed": lambda d: _("%(who)s changed the plan: %(what)s.") % {**d, "what": _fields(d)},
    "plan.agreed": lambda d: (
        _("%(who)s agreed to version %(version)s of the plan for %(team)s.") % d
    ),
    "milestone.added": lambda d: _("%(who)s added the milestone “%(title)s”.") % d,
    "milestone.changed": lambda d: _("%(who)s changed the milestone “%(title)s”.") % d,
    "milestone.done": lambda d: _("%(who)s marked the milestone “%(title)s” done.") % d,
    "hours.changed": lambda d: _("%(who)s changed the working hours of %(team)s.") % d,
}


def history_sentence(entry: AuditEntry) -> str:
    who = str(entry.actor) if entry.actor else _("The portal")
    details = {"team": "", "title": "", "version": "", **entry.details, "who": who}
    sentence = SENTENCES.get(entry.action)
    return sentence(details) if sentence else entry.action
