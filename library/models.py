"""The library's index: one row per public record, written only from the allow-listed
fields (``library.public.records``), so that search, filters and counts run on one table.
The pages show each record as its public selector reads it now; the index only finds."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from incubator.models import Programme, Theme


class EntryKind(models.TextChoices):
    CHALLENGE = "challenge", _("Challenge")
    SOLUTION = "solution", _("Solution proposal")
    MATCH = "match", _("Incubation outcome")
    STORY = "story", _("Story")


class Outcome(models.TextChoices):
    PUBLISHED = "published", _("Published, not matched")
    MATCHED = "matched", _("Matched")
    INCUBATING = "incubating", _("In incubation")
    COMPLETED = "completed", _("Incubation completed")


class LibraryEntry(models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=EntryKind.choices)
    object_id = models.PositiveIntegerField()
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=300)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(blank=True)  # the public text, for search and similarity
    team_name = models.CharField(_("team"), max_length=200)
    country = models.CharField(_("country"), max_length=2, db_index=True)
    region = models.CharField(_("region"), max_length=20, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    stage = models.CharField(_("lifecycle stage"), max_length=30, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    # Who it was matched with, where both teams consent: [{"name", "country"}].
    partners = models.JSONField(default=list, blank=True)
    themes = models.ManyToManyField(Theme, related_name="+")
    shown_at = models.DateTimeField(null=True)
    # When the index wrote the row: what tells a process its fitted corpus is stale.
    indexed_at = models.DateTimeField(auto_now_add=True)
    # Kept up to date by the index on PostgreSQL (GIN index in the migrations); unused on
    # SQLite, where search matches words unranked.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("library entry")
        verbose_name_plural = _("library entries")
        ordering = ["-shown_at", "-pk"]
        indexes = [
            models.Index(fields=["-shown_at", "-id"], name="library_recent_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_entry_per_record")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:entry", kwargs={"kind": self.kind, "pk": self.object_id})
