"""The pages of the footer, read by everyone and written by the secretariat; and
accepting a new version of the terms of participation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from incubator.access import secretariat_required
from incubator.forms.accounts import TermsAcceptForm
from incubator.forms.errors import NOT_DONE, form_act
from incubator.forms.pages import PageForm
from incubator.models import PageSlug
from incubator.selectors.pages import (
    page_current,
    page_texts_to_edit,
    pages_for_desk,
    terms_version_current,
)
from incubator.services.pages import page_publish, terms_accept
from incubator.terms import terms_done


def about_page(request, slug: str):
    return render(request, "about/page.html", {"page": page_current(slug=slug)})


@secretariat_required
def pages_desk(request):
    return render(request, "secretariat/pages.html", {"pages": pages_for_desk()})


@secretariat_required
def page_edit(request, slug: str):
    if slug not in PageSlug.values:
        raise Http404
    form = PageForm(
        request.POST or None, initial=page_texts_to_edit(slug=slug) if not request.POST else None
    )
    version = form_act(
        request, form, lambda **texts: page_publish(page=slug, by=request.user, **texts)
    )
    if version is NOT_DONE:
        label = PageSlug(slug).label
        context = {"form": form, "label": label, "is_terms": slug == PageSlug.TERMS}
        return render(request, "secretariat/page_form.html", context)
    message = _("Version %(number)d of “%(page)s” is published.") % {
        "number": version.number,
        "page": PageSlug(slug).label,
    }
    if slug == PageSlug.TERMS:
        message += " " + _("Everyone accepts it at their next sign-in.")
    messages.success(request, message)
    return redirect("incubator:pages_desk")


def _next_page(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else "/me/"


@login_required
def terms_accept_view(request):
    version = terms_version_current()
    form = TermsAcceptForm(request.POST or None)
    done = form_act(
        request, form, lambda **_answers: terms_accept(user=request.user, version=version)
    )
    if done is NOT_DONE:
        context = {
            "form": form,
            "page": page_current(slug=PageSlug.TERMS),
            "next": _next_page(request),
        }
        return render(request, "about/terms_accept.html", context)
    terms_done(request)
    messages.success(
        request, _("Thank you: you accepted version %(number)d of the terms.") % {"number": version}
    )
    return redirect(_next_page(request))
