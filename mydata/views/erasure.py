"""Deleting one's own account: what happens, the proof it is them, the true ending."""

from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from incubator.forms.errors import form_errors_add
from incubator.views.confirmation import Confirmation, ConfirmedAction, confirmation_page
from mydata.forms import AccountDeleteConfirmForm
from mydata.services.erasure import account_erase, blocker_lines

DELETED = "mydata_account_deleted"  # the flag the ending page reads once


def will_happen() -> list[str]:
    return [
        _("Your name, email address, profile, sign-in methods and preferences are erased."),
        _("You leave every team you belong to. Your teams' challenges and proposals stay "
          "with them, as do the files and messages you added for them."),
        _("Your reviews and the audit trail are kept, under a pseudonym instead of your name."),
        _("Copies of the emails we sent you, and any copy of your data, are deleted."),
        _("You are signed out everywhere. This cannot be undone."),
    ]  # fmt: skip


class AccountDelete(LoginRequiredMixin, ConfirmedAction):
    def form(self) -> AccountDeleteConfirmForm:
        data = self.request.POST if self.request.method == "POST" else None
        return AccountDeleteConfirmForm(data, user=self.request.user)

    def confirmation(self, form=None) -> Confirmation:
        user = self.request.user
        not_ready = blocker_lines(user=user)
        form = form or self.form()
        if not user.has_usable_password() and "code" not in form.fields:
            not_ready.append(
                _("You signed in without a password. Set a password first, then come back.")
            )
        return Confirmation(
            title=_("Delete your account?"),
            button=_("Delete my account"),
            back_url=reverse("mydata:home"),
            subjects=[user.email],
            will_happen=will_happen(),
            not_ready=not_ready,
            form=form,
            possible=not not_ready,
        )

    def act(self):
        form = self.form()
        if not form.is_valid():
            return confirmation_page(self.request, self.confirmation(form), status=400)
        try:
            account_erase(user=self.request.user, by=self.request.user)
        except (ValidationError, PermissionDenied) as error:
            form_errors_add(form, error)
            return confirmation_page(self.request, self.confirmation(form), status=400)
        logout(self.request)
        self.request.session[DELETED] = True
        return redirect("mydata:account_deleted")


def account_deleted(request):
    """Shown once, right after the deletion; otherwise there is nothing to confirm."""
    if not request.session.pop(DELETED, False):
        return redirect("incubator:home")
    return render(request, "mydata/account_deleted.html")
