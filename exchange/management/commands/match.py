"""python manage.py match SLUG --json: run matching headless on a programme and print
the ``incubator-matches/1`` document. No result is stored (only the embeddings of texts
met for the first time); no worker is needed."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from exchange.refs import challenge_ref, solution_ref
from exchange.selectors import programme_by_slug
from incubator.models import Programme
from matching.embeddings import portal_embedder
from matching.engine.errors import EngineError
from matching.engine.model import Params
from matching.engine.run import match, without_cycle_collection
from matching.problem import build_problem


class Command(BaseCommand):
    help = "Match a programme's challenges and solution providers; print the result as JSON."
    # The system checks import every view and URL (1.5 s); they guard the server's start,
    # and CI runs them, not each headless run.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument(
            "--json", action="store_true", help="print the incubator-matches/1 document"
        )

    def handle(self, *args, slug, **options):
        # Reading the round and writing the document make as many small objects as the
        # run itself (0.7 s of collection at 10,000 × 10,000).
        with without_cycle_collection():
            self._handle(slug, options)

    def _handle(self, slug, options):
        try:
            programme = programme_by_slug(slug)
        except Programme.DoesNotExist:
            raise CommandError(f"No programme with the slug {slug!r}.") from None
        # The file's refs where the round was imported, the export's names otherwise.
        problem, _challenges, _solutions = build_problem(
            programme,
            challenge_ref=lambda pk, ref: ref or challenge_ref(pk),
            solution_ref=lambda pk, ref: ref or solution_ref(pk),
        )
        try:
            # Stored embeddings; only texts never embedded are embedded (and kept) now. No
            # details: the document holds rankings, matches and reasons, not alternates.
            result = match(problem, params=Params(embedder=portal_embedder(), details=False))
        except EngineError as error:
            raise CommandError(str(error)) from error
        figures = result.figures
        certificate = (
            f"Optimal over {figures.eligible_pairs} eligible pairs: {figures.pricing_rounds} "
            f"pricing rounds, largest reduced cost left {figures.largest_reduced_cost}."
        )
        if options["json"]:
            self.stderr.write(certificate)
            # One compact line, in one call: only then does json use its C encoder, which
            # writes a 10,000 × 10,000 round's 19 MB several times faster.
            document = json.dumps(
                result.to_exchange_dict(programme.slug), ensure_ascii=False, separators=(",", ":")
            )
            sys.stdout.write(document + "\n")
            return
        self.stdout.write(
            f"{figures.matches} matches for {figures.challenges} challenges and "
            f"{figures.providers} providers; {figures.unfilled_slots} places unfilled; "
            f"total score {figures.total_score:.2f}."
        )
        self.stdout.write(certificate)
        for notice in result.warnings:
            self.stderr.write(notice.text())
