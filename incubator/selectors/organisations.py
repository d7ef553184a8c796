from django.core import signing
from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from incubator.access import teams_of
from incubator.models import Invitation, Membership, Organisation, User
from incubator.services.organisations import INVITATION_SALT


def organisations_of(*, user: User) -> QuerySet[Organisation]:
    return teams_of(user).annotate(member_count=Count("memberships", distinct=True))


def organisation_for_member(*, user: User, pk: int) -> Organisation:
    """The team, if the person belongs to it; 404 otherwise, so that ids reveal nothing."""
    return get_object_or_404(teams_of(user), pk=pk)


def organisation_with_people(*, organisation: Organisation) -> Organisation:
    return Organisation.objects.prefetch_related(
        Prefetch("memberships", Membership.objects.select_related("user").order_by("joined_at")),
        Prefetch(
            "invitations",
            Invitation.objects.filter(accepted_at__isnull=True).select_related("invited_by"),
            to_attr="open_invitations",
        ),
    ).get(pk=organisation.pk)


def invitation_from_token(*, token: str) -> Invitation | None:
    """The invitation a link names, or None for a link that was altered or made up."""
    try:
        pk = signing.loads(token, salt=INVITATION_SALT)
    except signing.BadSignature:
        return None
    return Invitation.objects.select_related("organisation", "invited_by").filter(pk=pk).first()
