"""The secretariat's forms of programmes and calls. Each lists its fields, so that a
field added to the model (a French version of a text) is one line here."""

from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.forms.bilingual import BilingualFormMixin
from incubator.forms.fields import TimeZoneField
from incubator.forms.schedule import PastDatesCheck, WallClockField
from incubator.models import Call, Programme
from incubator.schedule import call_order_errors


class ProgrammeForm(BilingualFormMixin, forms.ModelForm):
    bilingual_fields = ("name", "description")

    class Meta:
        model = Programme
        fields = ["name", "name_fr", "slug", "description", "description_fr", "data_licence"]
        help_texts = {
            "data_licence": _(
                "The licence under which anyone may reuse the round's public records "
                "(library, open-data API and downloads)."
            ),
            "slug": _(
                "The programme's address on the portal, in small letters, digits and hyphens, "
                "for example incubator-2028. It cannot change once the programme exists."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["slug"].disabled = True
        # Left out of a form (older scripts, imports), the licence stays as it was.
        self.fields["data_licence"].required = False

    def clean_data_licence(self) -> str:
        return self.cleaned_data["data_licence"] or self.instance.data_licence


class CallForm(BilingualFormMixin, PastDatesCheck, forms.ModelForm):
    """The opening and the deadline are typed as the clock reads in the deadline's zone."""

    past_fields = ("opens_at", "closes_at")
    bilingual_fields = ("title", "introduction")
    deadline_time_zone = TimeZoneField(
        label=_("Time zone of the dates"),
        help_text=_(
            "The opening and the deadline below are in this zone; everyone sees the "
            "deadline with it named, and in their own zone."
        ),
    )
    opens_at = WallClockField(label=_("Opens"))
    closes_at = WallClockField(
        label=_("Deadline"), help_text=_("Submissions are refused after this moment.")
    )

    class Meta:
        model = Call
        fields = [
            "kind",
            "title",
            "title_fr",
            "introduction",
            "introduction_fr",
            "deadline_time_zone",
            "opens_at",
            "closes_at",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        call = self.instance
        if call.pk:
            zone = ZoneInfo(call.deadline_time_zone)
            for name in ("opens_at", "closes_at"):
                self.initial[name] = timezone.localtime(getattr(call, name), zone).replace(
                    tzinfo=None
                )

    def clean(self):
        cleaned = super().clean()
        zone = cleaned.get("deadline_time_zone")
        if not zone:
            # A wall clock without its zone is no moment: the call keeps the dates it had.
            for name in ("opens_at", "closes_at"):
                cleaned.pop(name, None)
            return cleaned
        for name in ("opens_at", "closes_at"):
            if cleaned.get(name):
                cleaned[name] = timezone.make_aware(cleaned[name], ZoneInfo(zone))
        order = call_order_errors(
            opens_at=cleaned.get("opens_at"), closes_at=cleaned.get("closes_at")
        )
        for name, message in order.items():
            self.add_error(name, message)
        if not order:
            self.check_past_dates(moments=cleaned, zone=zone)
        return cleaned
