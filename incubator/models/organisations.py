from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from incubator.languages import validate_language_codes
from incubator.validators import validate_plain_text, validate_time_zone


class Level(models.TextChoices):
    SUPRANATIONAL = "supranational", _("Supranational")
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")
    LOCAL = "local", _("Local")


class Organisation(models.Model):
    """A government team: the unit that owns challenges and offers solutions."""

    name = models.CharField(_("name"), max_length=200, validators=[validate_plain_text])
    country = CountryField(_("country"))
    level = models.CharField(_("level of government"), max_length=20, choices=Level.choices)
    languages = models.JSONField(
        _("working languages"), default=list, validators=[validate_language_codes]
    )
    time_zone = models.CharField(_("time zone"), max_length=64, validators=[validate_time_zone])
    website = models.URLField(_("website"), max_length=300, blank=True)
    description = models.TextField(
        _("short description"), max_length=2000, blank=True, validators=[validate_plain_text]
    )
    # The team's key in programme exchange files (the exchange app); empty for teams
    # that signed up on the portal and were never imported.
    exchange_ref = models.CharField(
        _("exchange reference"), max_length=100, blank=True, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="organisations"
    )

    class Meta:
        verbose_name = _("government team")
        verbose_name_plural = _("government teams")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["exchange_ref"],
                condition=~models.Q(exchange_ref=""),
                name="organisation_exchange_ref_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_membership"),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.organisation}"


class Invitation(models.Model):
    """An invitation to join a team, sent as a signed link. Single use, expires."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} to {self.organisation}"

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and not self.is_expired
