"""An anonymised phase: no page, export or email a reviewer can see names the applicant
team or its country. Every one of them is rendered and read."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from incubator.models import Notification
from reviews.models import Assignment, ReviewItem
from reviews.services import assignment_add, assignment_run, review_overdue_reminders_send
from tests.factories import ChallengeFactory, OrganisationFactory, secretariat_user
from tests.reviews.factories import assign, review_call, reviewer

pytestmark = pytest.mark.django_db

TEAM = "Azores Regional Education Office"
COUNTRY = "Chile"
TITLES = ("Island ferries", "School meals", "Rural clinics")


def everything_a_reviewer_sees(client, person) -> dict[str, str]:
    """Every page, download and email the reviewer can reach, by name."""
    seen = {}
    for url in (reverse("reviews:desk"), reverse("incubator:dashboard"), reverse("incubator:home")):
        seen[url] = client.get(url).content.decode()
    for assignment in Assignment.objects.filter(reviewer=person):
        review = reverse("reviews:assignment", kwargs={"pk": assignment.pk})
        conflict = reverse("reviews:conflict", kwargs={"pk": assignment.pk})
        seen[review] = client.get(review).content.decode()
        seen[f"{review} (refused)"] = client.post(review, {"submit": ""}).content.decode()
        seen[conflict] = client.get(conflict).content.decode()
    export = client.get(reverse("reviews:export_mine"))
    seen["my reviews (CSV)"] = b"".join(export.streaming_content).decode()
    for email in Notification.objects.filter(recipient=person):
        seen[f"email {email.key}"] = "\n".join((email.subject, email.body_text, email.body_html))
    return seen


def a_call_with_one_team_under_review(*, anonymised):
    call = review_call(anonymised=anonymised, reviewers_per_submission=1)
    team = OrganisationFactory(name=TEAM, country="CL", time_zone="America/Santiago")
    # Screened in: moved to review on the screening desk.
    ChallengeFactory(call=call, organisation=team, title="Island ferries", status="in_review")
    ChallengeFactory(call=call, organisation=team, title="School meals", status="in_review")
    person = reviewer(country="PT", display_name="Ana Reviewer")
    desk = secretariat_user()
    assignment_run(call=call, by=desk)
    # One more by hand, and a scored review, so every kind of page and email exists.
    late = ChallengeFactory(call=call, organisation=team, title="Rural clinics", status="in_review")
    assignment_run(call=call, by=desk)
    Assignment.objects.filter(item__object_id=late.pk).delete()
    assignment_add(item=ReviewItem.objects.get(object_id=late.pk), reviewer=person, by=desk)
    first = Assignment.objects.filter(reviewer=person).order_by("pk").first()
    first.delete()
    assign(first.item, person, scores=[4, 4, 4], submitted=True)
    call.review_phase.due_at = timezone.now() - timedelta(hours=1)
    call.review_phase.save()
    assert review_overdue_reminders_send() == 1
    return person


def test_an_anonymised_review_never_shows_the_team_or_its_country(client_of):
    person = a_call_with_one_team_under_review(anonymised=True)

    seen = everything_a_reviewer_sees(client_of(person), person)

    kinds = {name.split(":")[0] for name in seen if name.startswith("email")}
    assert kinds == {
        "email review-assigned",
        "email review-assigned-by-hand",
        "email review-overdue",
    }
    for name, content in seen.items():
        if name not in (reverse("incubator:dashboard"), reverse("incubator:home")):
            assert any(title in content for title in TITLES), f"{name} shows no submission"
        assert TEAM not in content, name
        assert COUNTRY not in content, name
        assert "America/Santiago" not in content, name


def test_without_anonymising_reviewers_see_who_applied(client_of):
    person = a_call_with_one_team_under_review(anonymised=False)

    seen = everything_a_reviewer_sees(client_of(person), person)

    assert TEAM in seen[reverse("reviews:desk")]
    assert COUNTRY in seen["my reviews (CSV)"]
    assert all(TEAM in content for name, content in seen.items() if name.startswith("email"))
