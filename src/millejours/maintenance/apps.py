from django.apps import AppConfig


class MaintenanceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "millejours.maintenance"
    verbose_name = "Maintenance (sauvegardes, conservation)"
