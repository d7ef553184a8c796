from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from incubator.forms.accounts import ProfileForm
from incubator.selectors.organisations import organisations_of
from incubator.services.accounts import profile_update


@login_required
def dashboard(request):
    return render(
        request,
        "accounts/dashboard.html",
        {"organisations": organisations_of(user=request.user)},
    )


@login_required
def profile(request):
    user = request.user
    form = ProfileForm(
        request.POST or None,
        initial={
            "display_name": user.display_name,
            "time_zone": user.time_zone,
            "language": user.language,
        },
    )
    if request.method == "POST" and form.is_valid():
        profile_update(user=user, **form.cleaned_data)
        messages.success(request, _("Your profile is saved."))
        return redirect("incubator:profile")
    return render(request, "accounts/profile.html", {"form": form})
