from django.db.models import Prefetch, Q, QuerySet

from incubator.models import Role, RoleGrant, User


def people_for_desk(*, query: str = "") -> QuerySet[User]:
    """Everyone with an account, with their roles, found by email or name."""
    people = User.objects.prefetch_related(
        Prefetch("role_grants", RoleGrant.objects.order_by("role"))
    ).order_by("email")
    if query:
        people = people.filter(Q(email__icontains=query) | Q(display_name__icontains=query))
    return people


def secretariat_members() -> QuerySet[User]:
    """Every active account that holds the secretariat role."""
    return User.objects.filter(is_active=True, role_grants__role=Role.SECRETARIAT).order_by("pk")
