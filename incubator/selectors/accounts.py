from django.db.models import Prefetch, Q, QuerySet

from incubator.models import RoleGrant, User


def people_for_desk(*, query: str = "") -> QuerySet[User]:
    """Everyone with an account, with their roles, found by email or name."""
    people = User.objects.prefetch_related(
        Prefetch("role_grants", RoleGrant.objects.order_by("role"))
    ).order_by("email")
    if query:
        people = people.filter(Q(email__icontains=query) | Q(display_name__icontains=query))
    return people
