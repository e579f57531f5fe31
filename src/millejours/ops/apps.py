from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the platform: scheduled jobs, health page, production server, request logs."""

    name = "millejours.ops"
    verbose_name = "Exploitation"
