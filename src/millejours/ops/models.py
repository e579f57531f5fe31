"""What the scheduler and the worker leave behind: job runs and heartbeats."""

from __future__ import annotations

from django.db import models

from .choices import RunStatus, RunTrigger


class JobRun(models.Model):
    """One run of a periodic job. ``(job, slot)`` is unique: the row is the lock that keeps
    two schedulers from running the same job for the same time slot twice."""

    job = models.CharField("tâche", max_length=64)
    slot = models.DateTimeField("créneau")
    trigger = models.CharField(
        max_length=16, choices=RunTrigger.choices, default=RunTrigger.SCHEDULE
    )
    status = models.CharField(max_length=16, choices=RunStatus.choices, default=RunStatus.RUNNING)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    runner = models.CharField("processus", max_length=120, blank=True)

    class Meta:
        verbose_name = "exécution de tâche planifiée"
        verbose_name_plural = "exécutions de tâches planifiées"
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(fields=["job", "slot"], name="ops_jobrun_one_per_slot")
        ]
        indexes = [models.Index(fields=["job", "-started_at"], name="ops_jobrun_job_started")]

    def __str__(self) -> str:
        return f"{self.job} @ {self.slot:%Y-%m-%d %H:%M} ({self.status})"


class Heartbeat(models.Model):
    """The last sign of life of a long-running process ("worker", "scheduler")."""

    name = models.CharField(max_length=32, primary_key=True)
    beat_at = models.DateTimeField()
    runner = models.CharField("processus", max_length=120, blank=True)

    class Meta:
        verbose_name = "signal de vie"
        verbose_name_plural = "signaux de vie"

    def __str__(self) -> str:
        return f"{self.name} {self.beat_at:%Y-%m-%d %H:%M:%S}"
