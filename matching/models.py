"""Matching in the portal: runs of the engine, the candidates each run scored, the
matches it proposed and the secretariat's decisions on them, and the pairs the
secretariat ruled out."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from challenges.models import Challenge
from incubator.models import Programme
from solutions.models import Solution


class MatchRun(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="match_runs")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    stage = models.CharField(max_length=100, blank=True)
    weights = models.JSONField(default=dict)
    params = models.JSONField(default=dict)
    # Counts, total score and seconds per stage, as the engine reports them.
    figures = models.JSONField(default=dict, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("match run")
        verbose_name_plural = _("match runs")

    def __str__(self) -> str:
        return f"{self.programme} #{self.pk}"

    @property
    def is_active(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)


class Candidate(models.Model):
    """A pair a run scored, with the components kept so the board can explain it."""

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="candidates")
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="+")
    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    rank = models.PositiveIntegerField()  # among the challenge's candidates, 1 = best
    components = models.JSONField(default=dict)
    reasons = models.JSONField(default=list)

    class Meta:
        ordering = ["run", "challenge", "rank"]
        indexes = [models.Index(fields=["run", "challenge", "rank"], name="candidate_board_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "challenge", "solution"], name="one_candidate_per_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.challenge_id} × {self.solution_id}: {self.score:.2f}"


class Match(models.Model):
    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="matches")
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="matches")
    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="matches")
    run = models.ForeignKey(
        MatchRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="matches"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.PROPOSED)
    locked = models.BooleanField(_("locked"), default=False)
    score = models.FloatField(default=0)
    rank = models.PositiveIntegerField(null=True, blank=True)
    components = models.JSONField(default=dict)
    reasons = models.JSONField(default=list)
    # Next-best candidates for the challenge, and the better-scored ones that went
    # elsewhere with why, as the engine explained them.
    alternates = models.JSONField(default=list, blank=True)
    passed_over = models.JSONField(default=list, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["challenge", "-score"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [
            models.UniqueConstraint(fields=["challenge", "solution"], name="one_match_per_pair")
        ]
        indexes = [
            # The showcase of a programme, latest confirmed first: its first page walks
            # this index instead of joining every challenge.
            models.Index(
                fields=["programme", "-decided_at", "-id"],
                condition=models.Q(state="confirmed"),
                name="match_showcase_idx",
            ),
            # The matching board counts the pairs of every challenge of a round from
            # this index alone, without reading the explanations in the table.
            models.Index(
                fields=["programme", "challenge", "state"],
                condition=~models.Q(state="rejected"),
                name="match_board_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.challenge} × {self.solution}"


class Exclusion(models.Model):
    """A pair that must never be matched: excluded by the secretariat, or a conflict of
    interest declared to it."""

    class Kind(models.TextChoices):
        EXCLUDED = "excluded", _("Excluded by the secretariat")
        CONFLICT = "conflict", _("Declared conflict of interest")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="exclusions")
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="+")
    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.EXCLUDED)
    reason = models.TextField(_("reason"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["challenge", "solution"], name="one_exclusion_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.challenge_id} ⊘ {self.solution_id}"


class TextEmbedding(models.Model):
    """The sentence embedding of one text under one model, kept so that a text is embedded
    once: a match reads it back by the text's hash, and a new model version embeds anew.
    The vectors of the text's phrases, which the explanations quote, are kept with it:
    a match reads them in one row per text."""

    text_hash = models.CharField(max_length=64)  # SHA-256 of the text, hex
    model = models.CharField(max_length=200)
    vector = models.BinaryField()  # float32, little-endian, unit length
    # float16, little-endian, a row per phrase in order (matching.engine.phrases): only
    # quoted, never scored, so half the bytes to read. None until they are embedded.
    phrase_vectors = models.BinaryField(null=True)
    # SHA-256 of the phrases those vectors are of, a line each: a change to how texts
    # are cut into phrases makes the stored ones stale, and they are embedded anew. The
    # database's default lets code from before this column insert rows during a deploy.
    phrases_hash = models.CharField(max_length=64, blank=True, db_default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["text_hash", "model"], name="one_embedding_per_text_and_model"
            )
        ]

    def __str__(self) -> str:
        return f"{self.model} {self.text_hash[:12]}"
