"""Import and export of whole programme rounds in the exchange format
``incubator-exchange/1`` (``docs/exchange-format.md``).

How the format lands in the portal:

- ``programme`` is the Programme with that slug: made if missing, its name kept in step.
- ``themes`` are the portal's themes, found by slug (their names kept in step; the
  description is the portal's). Submissions may also name themes the portal has.
- The programme and each theme may carry ``name_fr``, the French name: kept in step when
  the file has it, left as it is when the file leaves it out, exported when written.
- ``organisations`` are government teams. Teams are global, not per programme, so a team
  is found by its ``ref`` alone (``Organisation.exchange_ref``), never by its name.
  ``timezone`` is ``time_zone``; website, description and members stay the portal's.
  The team's languages and time zone travel with the team: the optional ``languages``
  and ``time_zone`` of a challenge or proposal are the portal's and left as they are
  (empty on imported records).
- ``challenges`` and ``solutions``: ``description`` is the challenge's
  ``problem_statement`` and the proposal's ``what_they_did``; the other long answers
  (context, evidence, lessons…) are the portal's and left as they are. ``ref`` is
  ``exchange_ref``, unique per kind within the programme. ``interested_in`` is the
  proposal's ranked interests, the first one rank 1.
- Records hang on a call of the programme: the latest call of their kind, or, when the
  programme has none, a closed call made for the import (opening 90 days before the
  earliest submission, closing at the moment of the import, deadline zone UTC).
- A field the file leaves out (``status``, ``submitted_at``, ``providers_wanted``,
  ``capacity``, ``interested_in``) takes the spec's default on a new record (submitted;
  the moment of the import, unless a draft; 2; 1; none) and is left as it is on an
  existing one, so an old file never undoes the secretariat's decisions by omission.
- Importing loads data; it decides nothing: states are set as the file says, without
  the lifecycle's checks, emails or per-record audit entries. One audit entry records
  the import, who made it and its counts.
- Idempotent: records are compared with the file field by field and only those that
  differ are written (and get a new ``updated_at``); the same file twice changes nothing.
  Import adds and updates, never deletes: a record missing from the file stays, so a
  file may carry only the proposals of a round whose challenges came earlier.
- Export carries every challenge and proposal of the programme except drafts, each with
  its ``status`` (matching then takes the submitted ones that are neither declined nor
  withdrawn), their teams and themes. Lists are sorted by ref (numbers within refs
  compared as numbers), themes by slug; ``interested_in`` keeps the team's order of
  preference. Records made on the portal get generated refs (see ``refs.py``), which a
  later import recognises. Export, import into an empty portal, export: the same file.

The modules: ``importing`` (the import, its summary, the programme, calls, themes and
teams), ``syncing`` (a kind of records compared with the file and written where they
differ) and ``exporting`` (the round as a file).
"""

from exchange.schema import ExchangeError
from exchange.services.exporting import programme_export
from exchange.services.importing import ImportSummary, programme_import

__all__ = ["ExchangeError", "ImportSummary", "programme_export", "programme_import"]
