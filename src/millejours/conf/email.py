"""E-mail: Django's SMTP settings and an optional ESP through django-anymail."""

from __future__ import annotations

import os

from .env import env, env_bool, env_int

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# An ESP through django-anymail (docs/outreach.md): EMAIL_BACKEND=anymail.backends.brevo.EmailBackend and
# ANYMAIL_<SETTING> variables (ANYMAIL_BREVO_API_KEY, ANYMAIL_WEBHOOK_SECRET="user:password"…).
ANYMAIL = {
    name[len("ANYMAIL_") :]: value
    for name, value in os.environ.items()
    if name.startswith("ANYMAIL_")
}
OUTREACH_EMAIL_TRACKING_VIEW = env(
    "OUTREACH_EMAIL_TRACKING_VIEW", "anymail.webhooks.brevo.BrevoTrackingWebhookView"
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Mille Jours <ne-pas-repondre@millejours.local>")
