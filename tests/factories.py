from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from challenges.search import challenge_search_refresh
from incubator.models import Call, Membership, Organisation, Programme, Role, RoleGrant, Theme, User
from incubator.models.pages import TermsAcceptance
from incubator.models.programmes import CallKind

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@gov.example")
    display_name = factory.Faker("name")
    time_zone = "Europe/Paris"
    language = "en"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
        if create:
            self.save()

    @factory.post_generation
    def terms_accepted(self, create, extracted, **kwargs):
        # Everyone accepts the terms on signing up (the built-in version, 1).
        if create and extracted is not False:
            TermsAcceptance.objects.create(user=self, version=1)


class RoleGrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleGrant

    user = factory.SubFactory(UserFactory)
    role = Role.REVIEWER


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Digital Service Agency {n}")
    country = "PT"
    level = "national"
    languages = factory.LazyFunction(lambda: ["pt", "en"])
    time_zone = "Europe/Lisbon"
    website = "https://agency.gov.example"
    description = "Makes public services simpler."


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"theme-{n}")
    name = factory.Sequence(lambda n: f"Theme {n}")


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    slug = factory.Sequence(lambda n: f"incubator-{2027 + n}")
    name = factory.Sequence(lambda n: f"Innovation Incubator {2027 + n}")


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    programme = factory.SubFactory(ProgrammeFactory)
    kind = CallKind.CHALLENGES
    title = factory.Sequence(lambda n: f"Call for challenges {n}")
    introduction = "Tell us about a problem your team is stuck on."
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    deadline_time_zone = "Europe/Paris"


def secretariat_user(*, second_factor: bool = True, **kwargs) -> User:
    """A secretariat account; its role counts only once it has its second factor."""
    user = UserFactory(**kwargs)
    RoleGrant.objects.create(user=user, role=Role.SECRETARIAT)
    return with_second_factor(user) if second_factor else user


def with_second_factor(user: User, *, secret: str | None = None) -> User:
    """Give the account an activated authenticator app, as allauth stores one."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
    TOTP.activate(user, secret or generate_totp_secret())
    user.__dict__.pop("_portal_second_factor", None)
    user.__dict__.pop("_portal_authenticator", None)
    return user


def sign_in(client, user: User, *, second_factor: bool = True):
    """Sign the test client in as the person. With ``second_factor``, a session that has
    verified the authenticator the account has, as signing in with its code records it;
    without, a session opened some other way (a password alone, a login link)."""
    import time

    from allauth.account.internal.flows import login

    from incubator.access import has_authenticator

    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    if second_factor and has_authenticator(user):
        session = client.session
        session[login.AUTHENTICATION_METHODS_SESSION_KEY] = [
            {"method": "mfa", "at": time.time(), "type": "totp"}
        ]
        session[login._AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
        session.save()
        # Signing in marked this object from a session without the record yet.
        user.__dict__.pop("_portal_second_factor", None)
    return client


class ChallengeFactory(factory.django.DjangoModelFactory):
    """A complete challenge, submitted unless told otherwise."""

    class Meta:
        model = "challenges.Challenge"
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    call = factory.SubFactory(CallFactory)
    status = "submitted"
    submitted_at = factory.LazyFunction(timezone.now)
    title = factory.Sequence(lambda n: f"Reaching citizens who never use online services {n}")
    summary = "Half our older residents never open a digital service."
    problem_statement = "Older residents in rural areas do not use the online benefits portal."
    context = "About 400,000 people over 70, mostly rural."
    tried = "Paper forms, a helpline, and library workshops."
    constraints = "No budget for new staff this year."
    expertise_sought = "Assisted digital models run by other governments."
    hoped_outcome = "Twice as many older residents claiming online."
    lifecycle_stage = "developing_proposals"
    sector = "digital_government"
    languages = factory.LazyFunction(lambda: ["pt", "en"])
    meeting_windows = "Tuesdays and Thursdays, 09:00–12:00 Lisbon time"
    providers_wanted = 2
    written_in = "en"

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create:
            self.themes.set(extracted if extracted is not None else [ThemeFactory()])

    @factory.post_generation
    def published(self, create, extracted, **kwargs):
        if create and extracted:
            self.status = "selected"
            self.published_at = timezone.now()
            self.save()

    @factory.post_generation
    def search_vector(self, create, extracted, **kwargs):
        # The services keep the vector current on every save; a factory row must too.
        if create:
            challenge_search_refresh(self)
