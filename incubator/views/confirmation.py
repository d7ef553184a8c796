"""One way to ask before anything that cannot be undone (GOV.UK's confirmation page):
a GET of the action's address, or a POST without the confirmation, shows what will
happen, to whom, and what is not ready yet; only the confirmed POST acts. Nothing
irreversible happens on one click, and no action's address answers a bare 405."""

from dataclasses import dataclass, field
from functools import wraps

from django import forms
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.views import View

from incubator.access import secretariat_gate
from incubator.audience import Audience, will_be_told

CONFIRMED = "confirmed"  # the field only the confirmation page sends


@dataclass
class Confirmation:
    """What the confirmation page says; every sentence in the reader's words."""

    title: str  # the question, e.g. “Release 2 decisions?”
    button: str  # what the button does, e.g. “Release the decisions”
    back_url: str  # where “Cancel” goes: the page the action was started from
    subjects: list[str] = field(default_factory=list)  # what it acts on, one line each
    will_happen: list[str] = field(default_factory=list)
    audience: Audience | None = None  # who will be emailed; None when nobody is
    not_ready: list[str] = field(default_factory=list)  # said before the button
    carry: list[tuple[str, str]] = field(default_factory=list)  # posted answers to resend
    form: forms.Form | None = None  # asked on the page itself, e.g. a reason
    possible: bool = True  # False: nothing to confirm, the page only explains
    destructive: bool = True  # a red button for what cannot be undone

    def audience_lines(self) -> list[str]:
        return will_be_told(self.audience) if self.audience is not None else []


def is_confirmed(request) -> bool:
    return request.method == "POST" and request.POST.get(CONFIRMED) == "yes"


def posted_answers(request, *, leave_out=()) -> list[tuple[str, str]]:
    """What was posted, to send again from the confirmation page."""
    skipped = {"csrfmiddlewaretoken", CONFIRMED, *leave_out}
    return [
        (name, value)
        for name in request.POST
        if name not in skipped
        for value in request.POST.getlist(name)
    ]


def confirmation_page(request, confirmation: Confirmation, *, status: int = 200) -> HttpResponse:
    return render(
        request,
        "confirm.html",
        {"confirmation": confirmation, "form": confirmation.form},
        status=status,
    )


class ConfirmedAction(View):
    """An action behind its confirmation page. Subclasses say what will happen
    (``confirmation``) and do it (``act``); ``confirm_posts = False`` is for an action
    that can be undone, which acts on its button at once and shows the page on a GET."""

    http_method_names = ["get", "head", "post"]
    confirm_posts = True

    def confirmation(self) -> Confirmation:
        raise NotImplementedError

    def act(self) -> HttpResponse:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        return confirmation_page(request, self.confirmation())

    def post(self, request, *args, **kwargs):
        if self.confirm_posts and not is_confirmed(request):
            return confirmation_page(request, self.confirmation())
        return self.act()


class SecretariatOnly:
    """For a class-based view: the secretariat's gate (signed in, role, second factor)."""

    def dispatch(self, request, *args, **kwargs):
        return secretariat_gate(request) or super().dispatch(request, *args, **kwargs)


def form_receiver(page: str, **kwargs_from: str):
    """For a view that takes a form posted from another page (``page``, reversed with
    these URL arguments of the view): a plain GET, from a bookmark or a reload, goes to
    that page instead of answering a bare 405."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST":
                return view(request, *args, **kwargs)
            if request.method in ("GET", "HEAD"):
                arguments = {name: kwargs[source] for name, source in kwargs_from.items()}
                return redirect(page, **arguments)
            return HttpResponseNotAllowed(["GET", "HEAD", "POST"])

        wrapped.form_from = page  # an action, not a page a person opens
        return wrapped

    return decorator
