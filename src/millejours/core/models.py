"""Shared tables that belong to no domain (the rate-limit counters of ``lib.throttle``)."""

from __future__ import annotations

from django.db import models


class ThrottleHit(models.Model):
    """One accepted request counted by a rate limit (``lib.throttle``).

    ``key`` is a SHA-256 of the scope and the identity (an IP address, an e-mail address,
    a phone number), so that the table holds no personal data in clear. Rows older than
    the longest window are purged as new hits arrive.
    """

    key = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["key", "at"], name="throttle_key_at")]

    def __str__(self) -> str:
        return f"{self.key[:12]}… {self.at:%Y-%m-%d %H:%M:%S}"
