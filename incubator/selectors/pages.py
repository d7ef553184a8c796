from django.db.models import Max

from incubator.models import PageVersion, TermsAcceptance, User
from incubator.models.pages import PageSlug
from incubator.pages import BUILT_IN_VERSION, Page, built_in_page, built_in_texts, page_of


def page_version_latest(*, slug: str) -> PageVersion | None:
    return PageVersion.objects.filter(page=slug).order_by("-number").first()


def page_current(*, slug: str) -> Page:
    version = page_version_latest(slug=slug)
    return page_of(version) if version else built_in_page(slug)


def page_texts_to_edit(*, slug: str) -> dict[str, str]:
    """What the editor starts from: the newest version, or the built-in text."""
    version = page_version_latest(slug=slug)
    if version is None:
        return built_in_texts(slug)
    return {
        "title": version.title,
        "title_fr": version.title_fr,
        "body": version.body,
        "body_fr": version.body_fr,
    }


def pages_for_desk() -> list[dict]:
    """Each page with its newest version number and date (one query)."""
    latest = {
        row["page"]: row
        for row in PageVersion.objects.values("page").annotate(
            number=Max("number"), published=Max("created_at")
        )
    }
    return [
        {
            "slug": slug,
            "label": label,
            "number": latest.get(slug, {}).get("number", BUILT_IN_VERSION),
            "published": latest.get(slug, {}).get("published"),
        }
        for slug, label in PageSlug.choices
    ]


def terms_version_current() -> int:
    number = PageVersion.objects.filter(page=PageSlug.TERMS).aggregate(n=Max("number"))["n"]
    return number or BUILT_IN_VERSION


def terms_accepted_by(*, user: User, version: int) -> bool:
    return TermsAcceptance.objects.filter(user=user, version=version).exists()
