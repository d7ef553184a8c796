"""Seeds one database of bench/web_pages.py: a big programme of SIZE challenges and a
small one of 24, each with its calls, reviews, decisions, solutions, a match run,
matches and showcase consents; then prints, as one JSON line, the pages to measure and a
secretariat session to measure them with.

Run by bench/web_pages.py in a child process per size (DATABASE_URL and SECRET_KEY set
by it): ``python bench/web_seed.py SIZE``. Rows go in with PostgreSQL's COPY, so 50,000
challenges and their 400,000 scores take a minute, not ten.
"""

import json
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

# The words of the other bench, so both seed the same kind of challenge.
from public_challenge_list import (
    CAUSES,
    COUNTRIES,
    GROUPS,
    SUBJECTS,
    THEMES,
    VERBS,
    _statement,
)

SMALL = 24
REVIEWERS = 40
PER_ITEM = 3
SEED = 20270202
FIGURES = """UPDATE reviews_reviewitem AS item SET reviews_done = f.done, mean_score = f.mean
FROM (SELECT item_id, COUNT(*) AS done, AVG(mean) AS mean FROM (
  SELECT a.item_id, SUM(s.score * c.weight)::float / SUM(c.weight) AS mean
  FROM reviews_assignment a JOIN reviews_score s ON s.assignment_id = a.id
  JOIN reviews_criterion c ON c.id = s.criterion_id
  WHERE a.submitted_at IS NOT NULL AND s.score IS NOT NULL GROUP BY a.id
) AS r GROUP BY item_id) AS f WHERE item.id = f.item_id AND item.call_id = %s"""
REVIEWERS_PER_ITEM = """UPDATE reviews_reviewitem AS item SET reviewers = a.n
FROM (SELECT item_id, COUNT(*) AS n FROM reviews_assignment GROUP BY item_id) AS a
WHERE item.id = a.item_id AND item.call_id = %s"""
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")


def copy_objects(model, objects: list) -> list:
    """Insert unsaved instances with COPY and give them their new primary keys."""
    from django.db import connection

    if not objects:
        return objects
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for obj in objects:
                copy.write_row(
                    [f.get_db_prep_save(f.pre_save(obj, add=True), connection) for f in fields]
                )
        cursor.execute(f"SELECT id FROM {table} ORDER BY id DESC LIMIT %s", [len(objects)])
        for obj, (pk,) in zip(objects, reversed(cursor.fetchall()), strict=True):
            obj.pk = pk
    return objects


def seed(size: int) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from challenges.models import Challenge
    from challenges.search import challenges_search_refresh
    from incubator.models import Theme

    rng, now = random.Random(SEED + size), timezone.now()
    with transaction.atomic():
        themes = Theme.objects.bulk_create(Theme(slug=s, name=n) for s, n in THEMES.items())
        staff = _people(rng)
        teams = _teams(rng, max(30, size // 20))
        _programme(rng, "bench-big", size, teams, themes, staff, now)
        _programme(rng, "bench-small", SMALL, teams, themes, staff, now)
        challenges_search_refresh(challenges=Challenge.objects.all())
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # what autovacuum does soon after a bulk load


def _people(rng: random.Random) -> dict:
    from incubator.models import Role, RoleGrant, User
    from reviews.models import ReviewerProfile

    secretariat = User.objects.create_user("secretariat@bench.example", display_name="Sam")
    RoleGrant.objects.create(user=secretariat, role=Role.SECRETARIAT)
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(secretariat, generate_totp_secret())
    reviewers = User.objects.bulk_create(
        User(email=f"reviewer{n}@bench.example", display_name=f"Reviewer {n}")
        for n in range(REVIEWERS)
    )
    RoleGrant.objects.bulk_create(RoleGrant(user=u, role=Role.REVIEWER) for u in reviewers)
    ReviewerProfile.objects.bulk_create(
        ReviewerProfile(user=u, languages=["en", "fr"][: rng.randint(1, 2)]) for u in reviewers
    )
    return {"secretariat": secretariat, "reviewers": reviewers}


def _teams(rng: random.Random, count: int) -> list:
    from incubator.models import Organisation

    return copy_objects(
        Organisation,
        [
            Organisation(
                name=f"{rng.choice(SUBJECTS).capitalize()} office {n}",
                country=COUNTRIES[n % len(COUNTRIES)],
                level=rng.choice(["national", "regional", "local"]),
                languages=["en"],
                time_zone="UTC",
            )
            for n in range(count)
        ],
    )


def _programme(rng, slug, size, teams, themes, staff, now) -> None:
    """A closed round: 20 % of its challenges at the screening desk, 50 % in review,
    30 % selected and published, a tenth as many solutions, one match per selected."""
    from incubator.models import Call, Programme

    programme = Programme.objects.create(slug=slug, name=f"Bench {slug}")
    challenge_call, solution_call = (
        Call.objects.create(
            programme=programme,
            kind=kind,
            title=f"Call for {kind} ({slug})",
            introduction="Tell us about it.",
            opens_at=now - timedelta(days=400),
            closes_at=now - timedelta(days=300),
            deadline_time_zone="Europe/Paris",
        )
        for kind in ("challenges", "solutions")
    )
    challenges = _challenges(rng, challenge_call, size, teams, themes, now)
    selected = [c for c in challenges if c.status == "selected"]
    _reviews(rng, challenge_call, [c for c in challenges if c.status != "submitted"], staff, now)
    solutions = _solutions(rng, solution_call, max(3, size // 10), teams, now)
    _matching(rng, programme, selected, solutions, staff["secretariat"], now)


def _challenges(rng, call, size, teams, themes, now) -> list:
    from challenges.models import Challenge

    challenges = []
    for n in range(size):
        subject, group = rng.choice(SUBJECTS), rng.choice(GROUPS)
        status = "submitted" if n % 10 < 2 else "in_review" if n % 10 < 7 else "selected"
        challenges.append(
            Challenge(
                organisation=rng.choice(teams),
                call=call,
                status=status,
                title=f"{rng.choice(VERBS).replace('-', ' ')} {subject} for {group}",
                summary=f"{group.capitalize()} and {subject}: {rng.choice(CAUSES)}.",
                problem_statement=_statement(rng, subject, group),
                expertise_sought="Teams that changed " + rng.choice(SUBJECTS) + ".",
                lifecycle_stage="developing_proposals",
                sector="digital_government",
                languages=["en"],
                submitted_at=now - timedelta(days=300, minutes=rng.randint(0, 90_000)),
                published_at=now - timedelta(minutes=rng.randint(0, 600_000))
                if status == "selected"
                else None,
            )
        )
    copy_objects(Challenge, challenges)
    through = Challenge.themes.through
    copy_objects(
        through,
        [
            through(challenge_id=c.pk, theme_id=t.pk)
            for c in challenges
            for t in rng.sample(themes, rng.randint(1, 3))
        ],
    )
    return challenges


def _reviews(rng, call, challenges, staff, now) -> None:
    """Three reviewers per challenge, two of them done; decisions on all selected ones
    (released) and half of those still in review (staged)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from challenges.models import Challenge
    from reviews.models import Assignment, Criterion, ReviewItem, ReviewPhase, Score

    ReviewPhase.objects.create(
        call=call,
        opens_at=now - timedelta(days=290),
        due_at=now - timedelta(days=200),
        closes_at=now - timedelta(days=190),
    )
    criteria = Criterion.objects.bulk_create(
        Criterion(call=call, position=n, name=name, weight=1, anchors=["1", "2", "3", "4", "5"])
        for n, name in enumerate(["Clarity", "Fit", "Transferability"])
    )
    kind = ContentType.objects.get_for_model(Challenge)
    items = copy_objects(
        ReviewItem,
        [
            ReviewItem(call=call, content_type=kind, object_id=c.pk, organisation=c.organisation)
            for c in challenges
        ],
    )
    reviewers, secretariat = staff["reviewers"], staff["secretariat"]
    assignments = copy_objects(
        Assignment,
        [
            Assignment(
                item=item,
                call=call,
                reviewer=reviewer,
                assigned_by=secretariat,
                submitted_at=now - timedelta(days=210) if n < 2 else None,
            )
            for item in items
            for n, reviewer in enumerate(rng.sample(reviewers, PER_ITEM))
        ],
    )
    copy_objects(
        Score,
        [
            Score(assignment=a, criterion=c, score=rng.randint(1, 5), comment="Clear enough.")
            for a in assignments
            if a.submitted_at
            for c in criteria
        ],
    )
    with connection.cursor() as cursor:  # what reviews.services.figures keeps, at once
        cursor.execute(FIGURES, [call.pk])
        cursor.execute(REVIEWERS_PER_ITEM, [call.pk])
    _decisions(rng, items, challenges, secretariat, now)


def _decisions(rng, items, challenges, secretariat, now) -> None:
    from reviews.models import Decision

    decided = [
        (item, challenge.status == "selected")
        for n, (item, challenge) in enumerate(zip(items, challenges, strict=True))
        if challenge.status == "selected" or n % 2
    ]
    copy_objects(
        Decision,
        [
            Decision(
                item=item,
                call_id=item.call_id,
                outcome="select" if released or rng.random() < 0.5 else "decline",
                reason="The board's scores.",
                staged_by=secretariat,
                staged_at=now - timedelta(days=185),
                released_by=secretariat if released else None,
                released_at=now - timedelta(days=180) if released else None,
            )
            for item, released in decided
        ],
    )


def _solutions(rng, call, count, teams, now) -> list:
    from solutions.models import Solution

    return copy_objects(
        Solution,
        [
            Solution(
                organisation=rng.choice(teams),
                call=call,
                status="selected",
                title=f"How we changed {rng.choice(SUBJECTS)}",
                summary=f"For {rng.choice(GROUPS)}.",
                languages=["en"],
                time_zone="UTC",
                submitted_at=now - timedelta(days=300),
            )
            for _ in range(count)
        ],
    )


def _matching(rng, programme, selected, solutions, secretariat, now) -> None:
    """A finished run with three candidates per selected challenge and one match each:
    a third confirmed (their teams consent to the showcase), the others proposed."""
    from matching.models import Candidate, Match, MatchRun
    from outcomes.models import ShowcaseConsent

    run = MatchRun.objects.create(
        programme=programme, state="done", progress=100, started_at=now, finished_at=now
    )
    picks = {c.pk: rng.sample(solutions, 3) for c in selected}
    copy_objects(
        Candidate,
        [
            Candidate(run=run, challenge=c, solution=s, score=1 - rank / 10, rank=rank + 1)
            for c in selected
            for rank, s in enumerate(picks[c.pk])
        ],
    )
    copy_objects(
        Match,
        [
            Match(
                programme=programme,
                challenge=c,
                solution=picks[c.pk][0],
                run=run,
                state="confirmed" if n % 3 == 0 else "proposed",
                score=0.9,
                rank=1,
                decided_by=secretariat if n % 3 == 0 else None,
                decided_at=now - timedelta(days=n % 90) if n % 3 == 0 else None,
            )
            for n, c in enumerate(selected)
        ],
    )
    teams = {c.organisation_id for c in selected} | {s.organisation_id for s in solutions}
    ShowcaseConsent.objects.bulk_create(
        ShowcaseConsent(programme=programme, organisation_id=pk, given=True) for pk in teams
    )


def pages(slug: str) -> dict:
    """The pages of one programme that the bench measures."""
    from challenges.models import Challenge
    from incubator.models import Call

    call = Call.objects.get(programme__slug=slug, kind="challenges")
    published = Challenge.objects.filter(call=call, status="selected").order_by("pk")
    reviews = f"/secretariat/reviews/calls/{call.pk}/"
    return {
        "challenge": f"/challenges/{published.first().pk}/",
        "screening": "/secretariat/challenges/?" + urlencode({"call": call.pk}),
        "review assignments": reviews + "assignments/",
        "review dashboard": reviews,
        "decisions": reviews + "decisions/",
        "matching board": f"/secretariat/matching/{slug}/board/",
        "programme dashboard": f"/secretariat/programmes/{slug}/dashboard/",
        "showcase": f"/programmes/{slug}/showcase/",
    }


def _session(user) -> str:
    """A signed-in session, as allauth leaves one after the password and the
    authenticator's code (secretariat pages ask for the second factor)."""
    from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session["account_authentication_methods_user"] = str(user.pk)
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [{"method": "mfa", "at": time.time()}]
    session.set_expiry(7 * 24 * 3600)
    session.create()
    return session.session_key


def main() -> None:
    import django

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    django.setup()
    from django.core.management import call_command

    from challenges.models import Challenge
    from incubator.models import User

    call_command("migrate", verbosity=0, interactive=False)
    if not Challenge.objects.exists():
        seed(int(sys.argv[1]))
    published = Challenge.objects.filter(status="selected", published_at__isnull=False)
    found = {
        "big": pages("bench-big"),
        "small": pages("bench-small"),
        "public_pages": max(1, -(-published.count() // 20)),
        "session": _session(User.objects.get(email="secretariat@bench.example")),
    }
    print(json.dumps(found))


if __name__ == "__main__":
    main()
