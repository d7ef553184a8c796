from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from challenges.models import Challenge, ChallengeAttachment
from challenges.services import challenge_draft_reminders_send
from incubator.models import AuditEntry, Notification
from tests.challenges.files import PDF, PNG, docx_bytes, upload
from tests.factories import (
    CallFactory,
    ChallengeFactory,
    MembershipFactory,
    ThemeFactory,
    UserFactory,
    secretariat_user,
)

pytestmark = pytest.mark.django_db

ABOUT = {
    "title": "Older residents do not use online services",
    "summary": "Half our older residents never open a digital service.",
    "sector": "digital_government",
    "lifecycle_stage": "developing_proposals",
    "written_in": "en",
}
PROBLEM = {
    "problem_statement": "Rural residents over seventy rarely claim benefits online.",
    "context": "About 400,000 people.",
    "tried": "Library workshops.",
    "constraints": "No new staff.",
}
HELP = {
    "expertise_sought": "Assisted digital models.",
    "hoped_outcome": "Twice as many claims online.",
    "providers_wanted": "2",
    "languages": ["pt", "en"],
    "meeting_windows": "Tuesday mornings, Lisbon time",
}


def step_url(challenge, step):
    return reverse("challenges:step", kwargs={"pk": challenge.pk, "step": step})


def started_draft(client, call, **about):
    client.post(
        reverse("challenges:new"),
        {"organisation": call.team.pk, "call": call.pk, "title": "Working title"},
    )
    return Challenge.objects.latest("pk")


@pytest.fixture
def team_and_call():
    membership = MembershipFactory()
    call = CallFactory()
    call.team = membership.organisation
    return membership, call


def test_a_draft_started_by_one_member_is_finished_and_submitted_by_a_colleague(
    client_of, team_and_call, django_capture_on_commit_callbacks
):
    membership, call = team_and_call
    theme = ThemeFactory()
    first = client_of(membership.user)
    draft = started_draft(first, call)
    first.post(step_url(draft, "about"), {**ABOUT, "themes": [theme.pk], "save_draft": ""})

    colleague = MembershipFactory(organisation=membership.organisation).user
    second = client_of(colleague)
    second.post(step_url(draft, "problem"), PROBLEM)
    second.post(step_url(draft, "help"), HELP)
    with django_capture_on_commit_callbacks(execute=True):
        response = second.post(reverse("challenges:check", kwargs={"pk": draft.pk}))

    draft.refresh_from_db()
    assert response.status_code == 302
    assert draft.status == "submitted"
    assert draft.title == ABOUT["title"]
    confirmations = Notification.objects.filter(key__startswith=f"challenge-submitted:{draft.pk}:")
    assert {n.to_email for n in confirmations} == {membership.user.email, colleague.email}
    assert PROBLEM["problem_statement"] in confirmations[0].body_text
    assert all(n.status == "sent" for n in confirmations)


def test_submitting_an_incomplete_draft_lists_what_is_missing(client_of, team_and_call):
    membership, call = team_and_call
    client = client_of(membership.user)
    draft = started_draft(client, call)

    response = client.post(reverse("challenges:check", kwargs={"pk": draft.pk}))

    assert response.status_code == 400
    step = reverse("challenges:step", kwargs={"pk": draft.pk, "step": "problem"})
    summary = response.content.decode().split('class="error-summary"')[1].split("</div>")[0]
    assert "Answer these questions before submitting:" in summary
    assert f'<a href="{step}#id_problem_statement">Problem statement</a>' in summary
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_a_submission_posted_after_the_deadline_is_refused_and_the_draft_kept(client_of):
    membership = MembershipFactory()
    call = CallFactory()
    challenge = ChallengeFactory(organisation=membership.organisation, call=call, status="draft")
    client = client_of(membership.user)
    check_page = client.get(reverse("challenges:check", kwargs={"pk": challenge.pk}))
    assert check_page.status_code == 200  # the form was opened before the deadline…

    call.closes_at = timezone.now() - timedelta(minutes=1)
    call.opens_at = timezone.now() - timedelta(days=30)
    call.save()
    response = client.post(
        reverse("challenges:check", kwargs={"pk": challenge.pk})
    )  # …and posted after

    assert response.status_code == 400
    assert "The call closed on" in response.content.decode()
    challenge.refresh_from_db()
    assert challenge.status == "draft"
    assert challenge.problem_statement


def test_a_step_with_bad_input_keeps_everything_typed_and_saves_nothing(client_of, team_and_call):
    membership, call = team_and_call
    client = client_of(membership.user)
    draft = started_draft(client, call)

    response = client.post(
        step_url(draft, "problem"),
        {**PROBLEM, "context": "C" * 3001, "tried": "<script>alert('x')</script>"},
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "Keep this to 3,000 characters or fewer" in errors["context"][0]
    assert "plain text" in errors["tried"][0]
    page = response.content.decode()
    assert PROBLEM["problem_statement"] in page
    assert "&lt;script&gt;" in page and "<script>alert" not in page
    draft.refresh_from_db()
    assert draft.problem_statement == ""


def test_the_length_limit_is_announced_without_javascript(client_of, team_and_call):
    membership, call = team_and_call
    client = client_of(membership.user)
    draft = started_draft(client, call)

    page = client.get(step_url(draft, "problem")).content.decode()

    assert "Up to 5,000 characters." in page
    assert 'data-maxlength="5000"' in page


def test_another_team_cannot_read_or_edit_a_draft_by_changing_the_id(client_of):
    draft = ChallengeFactory(status="draft")
    outsider = client_of(MembershipFactory().user)

    assert outsider.get(reverse("challenges:overview", kwargs={"pk": draft.pk})).status_code == 404
    for url in (
        step_url(draft, "about"),
        reverse("challenges:files", kwargs={"pk": draft.pk}),
        reverse("challenges:check", kwargs={"pk": draft.pk}),
        reverse("challenges:withdraw", kwargs={"pk": draft.pk}),
    ):
        assert outsider.get(url).status_code == 404
        assert outsider.post(url, {**ABOUT}).status_code == 404
    draft.refresh_from_db()
    assert draft.title != ABOUT["title"]


def test_attachments_are_checked_by_content_and_size(client_of, team_and_call, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    membership, call = team_and_call
    client = client_of(membership.user)
    draft = started_draft(client, call)
    files_url = reverse("challenges:files", kwargs={"pk": draft.pk})

    disguised = client.post(files_url, {"file": upload("brief.pdf", PNG)})
    empty = client.post(files_url, {"file": upload("empty.pdf", b"")})
    text = client.post(files_url, {"file": upload("notes.pdf", b"just some text")})

    assert "named like another kind of file" in disguised.context["form"].errors["file"][0]
    assert "is empty" in empty.context["form"].errors["file"][0]
    assert "not a file we accept" in text.context["form"].errors["file"][0]
    assert not ChallengeAttachment.objects.exists()

    assert client.post(files_url, {"file": upload("brief.pdf", PDF)}).status_code == 302
    assert client.post(files_url, {"file": upload("plan.docx", docx_bytes())}).status_code == 302
    assert sorted(ChallengeAttachment.objects.values_list("kind", flat=True)) == ["docx", "pdf"]


def test_an_oversized_attachment_is_refused(client_of, team_and_call, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    membership, call = team_and_call
    client = client_of(membership.user)
    draft = started_draft(client, call)

    big = upload("big.pdf", PDF + b"0" * (20 * 1024 * 1024))
    response = client.post(reverse("challenges:files", kwargs={"pk": draft.pk}), {"file": big})

    assert "files can be at most 20" in response.context["form"].errors["file"][0]
    assert not ChallengeAttachment.objects.exists()


def test_only_the_owner_team_and_the_secretariat_download_attachments(
    client_of, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    membership = MembershipFactory()
    draft = ChallengeFactory(organisation=membership.organisation, status="draft")
    client_of(membership.user).post(
        reverse("challenges:files", kwargs={"pk": draft.pk}), {"file": upload("brief.pdf", PDF)}
    )
    attachment = ChallengeAttachment.objects.get()
    url = reverse("challenges:attachment", kwargs={"pk": draft.pk, "file_pk": attachment.pk})

    owner = client_of(membership.user).get(url)
    assert owner.status_code == 200
    assert b"".join(owner.streaming_content).startswith(b"%PDF")
    assert client_of(MembershipFactory().user).get(url).status_code == 404
    assert client_of(UserFactory()).get(url).status_code == 404


def test_the_owner_withdraws_and_the_audit_trail_records_who(client_of):
    membership = MembershipFactory()
    challenge = ChallengeFactory(organisation=membership.organisation)

    client_of(membership.user).post(
        reverse("challenges:withdraw", kwargs={"pk": challenge.pk}), {"confirm": "on"}
    )

    challenge.refresh_from_db()
    assert challenge.status == "withdrawn"
    entry = AuditEntry.objects.filter(action="challenge.withdrawn").get()
    assert entry.actor == membership.user
    assert entry.details == {"from": "submitted", "to": "withdrawn", "reason": ""}


def test_illegal_transitions_are_refused(client_of):
    from django.core.exceptions import PermissionDenied, ValidationError

    from submissions.services.lifecycle import submission_transition

    membership = MembershipFactory()
    challenge = ChallengeFactory(organisation=membership.organisation, status="declined")
    with pytest.raises(ValidationError):
        submission_transition(submission=challenge, to="selected", by=secretariat_user())
    fresh = ChallengeFactory(organisation=membership.organisation)
    with pytest.raises(PermissionDenied):
        submission_transition(submission=fresh, to="screening", by=membership.user)


def test_draft_reminders_go_out_once_a_week_and_once_a_day_before_the_deadline():
    deadline = timezone.now() + timedelta(days=30)
    call = CallFactory(closes_at=deadline)
    membership = MembershipFactory()
    ChallengeFactory(organisation=membership.organisation, call=call, status="draft")
    ChallengeFactory(organisation=membership.organisation, call=call, status="submitted")

    def reminders():
        return Notification.objects.filter(key__startswith="challenge-reminder-")

    challenge_draft_reminders_send(now=deadline - timedelta(days=8))
    assert reminders().count() == 0
    challenge_draft_reminders_send(now=deadline - timedelta(days=6, hours=23))
    challenge_draft_reminders_send(now=deadline - timedelta(days=6, hours=22))
    assert reminders().count() == 1
    challenge_draft_reminders_send(now=deadline - timedelta(hours=20))
    challenge_draft_reminders_send(now=deadline - timedelta(hours=19))
    assert reminders().count() == 2
    assert reminders().filter(to_email=membership.user.email).count() == 2


def test_my_challenges_page_keeps_its_query_count_as_challenges_grow(
    client_of, queries_to_render, django_assert_max_num_queries
):
    membership = MembershipFactory()
    ChallengeFactory.create_batch(3, organisation=membership.organisation)
    client = client_of(membership.user)
    few = queries_to_render(client, reverse("challenges:mine"))
    ChallengeFactory.create_batch(60, organisation=membership.organisation)

    with django_assert_max_num_queries(few):
        client.get(reverse("challenges:mine"))


def test_removing_a_file_is_asked_first_and_then_deletes_it(
    client_of, team_and_call, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    membership, call = team_and_call
    client = client_of(membership.user)
    draft = started_draft(client, call)
    client.post(
        reverse("challenges:files", kwargs={"pk": draft.pk}), {"file": upload("brief.pdf", PDF)}
    )
    attachment = ChallengeAttachment.objects.get()
    remove = reverse("challenges:file_remove", kwargs={"pk": draft.pk, "file_pk": attachment.pk})

    asked = client.post(remove).content.decode()

    assert "Remove “brief.pdf”?" in asked
    assert "This cannot be undone." in asked
    assert ChallengeAttachment.objects.exists()
    response = client.post(remove, {"confirmed": "yes"}, follow=True)
    assert "The file is removed." in response.content.decode()
    assert not ChallengeAttachment.objects.exists()


@pytest.mark.parametrize("step", ["about", "problem"])
def test_a_draft_nobody_is_recorded_as_starting_is_edited_like_any_other(client_of, step):
    # Imported submissions and the demo's have no author; so has one whose author left.
    membership = MembershipFactory()
    draft = ChallengeFactory(organisation=membership.organisation, status="draft", created_by=None)
    answers = {**ABOUT, "themes": [ThemeFactory().pk]} if step == "about" else PROBLEM

    response = client_of(membership.user).post(step_url(draft, step), answers)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.created_by is None
    assert draft.title == ABOUT["title"] if step == "about" else draft.tried == PROBLEM["tried"]
