"""A person with a record in every stage, each carrying a marker string, so a test can
tell whose data ended up where."""

from dataclasses import dataclass

from allauth.socialaccount.models import SocialAccount

from incubation.services.messages import message_post
from incubator.models import Invitation, Role, RoleGrant, User
from incubator.services.contact import contact_send
from incubator.services.mail import mail_choices_set
from incubator.services.organisations import invitation_send
from incubator.services.outbox import notification_queue_rendered
from outcomes.models import ShowcaseConsent
from reviews.models import ReviewerProfile
from tests.cohorts.factories import FeedbackFactory, RegistrationFactory
from tests.factories import ChallengeFactory
from tests.incubation.factories import workspace
from tests.reviews.factories import assign, challenge_under_review, review_call

RESET_LINK = "https://portal.example/accounts/password/reset/key/4-cc8r6e-a5d3e2f0c9b1a7d4e6f8/"


@dataclass
class Seeded:
    person: User
    teammate: User  # another member of the same team
    challenge: object  # a draft the person wrote for the team


def seeded_person(marker: str, *, email: str) -> Seeded:
    ws = workspace(owner_fields={"email": email, "display_name": f"{marker} Person"})
    person, team = ws.owner, ws.owner_team.organisation
    teammate = User.objects.create_user(f"{marker.lower()}-mate@gov.example", "x" * 12)
    invitation_send(organisation=team, email=teammate.email, by=person)
    Invitation.objects.filter(email=teammate.email).update(accepted_by=teammate)
    team.memberships.create(user=teammate)
    challenge = ChallengeFactory(
        organisation=team, status="draft", created_by=person, title=f"{marker} challenge"
    )
    message_post(incubation=ws.incubation, by=person, body=f"{marker} message")
    RoleGrant.objects.create(user=person, role=Role.REVIEWER)
    ReviewerProfile.objects.create(user=person, languages=["en"])
    assign(
        challenge_under_review(review_call()),
        person,
        scores=[3, 4, 5],
        submitted=True,
        comment=f"{marker} review",
    )
    RegistrationFactory(user=person)
    FeedbackFactory(user=person, worked=f"{marker} feedback")
    ShowcaseConsent.objects.create(
        programme=ws.incubation.programme, organisation=team, given=True, changed_by=person
    )
    SocialAccount.objects.create(
        user=person,
        provider="gov-test",
        uid=f"{marker}-uid",
        extra_data={"userinfo": {"email": email, "name": f"{marker} Person"}},
    )
    notification_queue_rendered(
        key=f"reset:{marker}",
        recipient=person,
        to_email=person.email,
        language="en",
        subject=f"{marker} password reset",
        body_text=f"Choose a new password: {RESET_LINK}",
    )
    contact_send(
        sender=person,
        name=f"{marker} Person",
        email=email,
        subject=f"{marker} question",
        body=f"{marker} contact message",
        language="en",
    )
    mail_choices_set(user=person, wanted=[])
    return Seeded(person=person, teammate=teammate, challenge=challenge)
