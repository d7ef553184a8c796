"""The reviewer pool: every reviewer with their loads, and the profile the secretariat
keeps of each, for fit and conflicts of interest."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from incubator.access import secretariat_required
from incubator.forms.errors import form_errors_add
from reviews import services
from reviews.forms import ReviewerProfileForm
from reviews.selectors import profile_of, reviewer_in_pool, reviewer_pool_with_loads

PAGE_SIZE = 50


@secretariat_required
@require_safe
def pool(request):
    page = Paginator(reviewer_pool_with_loads(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reviews/secretariat/pool.html", {"page": page})


def _profile_initial(profile) -> dict:
    if profile is None:
        return {}
    return {
        "themes": list(profile.themes.all()),
        "languages": profile.languages,
        "country": profile.country.code or "",
        "organisation": profile.organisation,
    }


@secretariat_required
def pool_profile(request, user_pk):
    reviewer = reviewer_in_pool(pk=user_pk)
    initial = _profile_initial(profile_of(user=reviewer))
    form = ReviewerProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.reviewer_profile_save(reviewer=reviewer, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors_add(form, error)
        else:
            messages.success(
                request, _("The profile of %(person)s is saved.") % {"person": reviewer}
            )
            return redirect("reviews:pool")
    return render(request, "reviews/secretariat/profile.html", {"reviewer": reviewer, "form": form})
