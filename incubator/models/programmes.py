from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.translated import Translated
from incubator.validators import validate_plain_text, validate_time_zone


class Theme(models.Model):
    """The controlled vocabulary of themes, managed by the secretariat."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120, validators=[validate_plain_text])
    name_fr = models.CharField(
        _("name in French"), max_length=120, blank=True, validators=[validate_plain_text]
    )
    description = models.TextField(_("description"), blank=True, validators=[validate_plain_text])
    description_fr = models.TextField(
        _("description in French"), blank=True, validators=[validate_plain_text]
    )

    name_shown = Translated("name")
    description_shown = Translated("description")

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name_shown


class DataLicence(models.TextChoices):
    """The licences a round's open data may be published under (SPDX identifiers)."""

    CC_BY_4 = "CC-BY-4.0", _("Creative Commons Attribution 4.0 (CC BY 4.0)")
    CC_BY_SA_4 = "CC-BY-SA-4.0", _("Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)")
    CC0 = "CC0-1.0", _("Public domain dedication (CC0 1.0)")
    ODBL = "ODbL-1.0", _("Open Database Licence 1.0 (ODbL)")


LICENCE_URLS = {
    DataLicence.CC_BY_4: "https://creativecommons.org/licenses/by/4.0/",
    DataLicence.CC_BY_SA_4: "https://creativecommons.org/licenses/by-sa/4.0/",
    DataLicence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
    DataLicence.ODBL: "https://opendatacommons.org/licenses/odbl/1-0/",
}


class Programme(models.Model):
    """One round of the incubator."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200, validators=[validate_plain_text])
    name_fr = models.CharField(
        _("name in French"), max_length=200, blank=True, validators=[validate_plain_text]
    )
    description = models.TextField(_("description"), blank=True, validators=[validate_plain_text])
    description_fr = models.TextField(
        _("description in French"), blank=True, validators=[validate_plain_text]
    )
    data_licence = models.CharField(
        _("licence of the open data"),
        max_length=20,
        choices=DataLicence.choices,
        default=DataLicence.CC_BY_4,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-created_at"]

    name_shown = Translated("name")
    description_shown = Translated("description")

    def __str__(self) -> str:
        return self.name_shown


class CallKind(models.TextChoices):
    CHALLENGES = "challenges", _("Call for challenges")
    SOLUTIONS = "solutions", _("Call for solutions")


class WindowState(models.TextChoices):
    """Where a moment falls in a window of time (a call, a review phase)."""

    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class TimeWindow:
    """For a model with ``opens_at`` and ``closes_at``: its state follows from the clock,
    never from a flag. Services pass their own ``now`` so one action reads one moment."""

    def state_at(self, moment) -> WindowState:
        if moment < self.opens_at:
            return WindowState.UPCOMING
        if moment < self.closes_at:
            return WindowState.OPEN
        return WindowState.CLOSED

    def is_open_at(self, moment) -> bool:
        return self.state_at(moment) == WindowState.OPEN

    @property
    def state(self) -> WindowState:
        return self.state_at(timezone.now())

    @property
    def is_open(self) -> bool:
        return self.state == WindowState.OPEN

    @property
    def is_upcoming(self) -> bool:
        return self.state == WindowState.UPCOMING

    @property
    def is_closed(self) -> bool:
        return self.state == WindowState.CLOSED

    def get_state_display(self) -> str:
        return self.state.label


class Call(TimeWindow, models.Model):
    """A call of a programme, open from ``opens_at`` until its deadline ``closes_at``."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="calls")
    kind = models.CharField(_("kind"), max_length=20, choices=CallKind.choices)
    title = models.CharField(_("title"), max_length=200, validators=[validate_plain_text])
    title_fr = models.CharField(
        _("title in French"), max_length=200, blank=True, validators=[validate_plain_text]
    )
    introduction = models.TextField(_("introduction"), validators=[validate_plain_text])
    introduction_fr = models.TextField(
        _("introduction in French"), blank=True, validators=[validate_plain_text]
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("deadline"))
    deadline_time_zone = models.CharField(
        _("time zone of the deadline"), max_length=64, validators=[validate_time_zone]
    )

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["closes_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="call_closes_after_it_opens",
            ),
        ]

    title_shown = Translated("title")
    introduction_shown = Translated("introduction")

    def __str__(self) -> str:
        return self.title_shown
