from django.apps import AppConfig


class MaintenanceConfig(AppConfig):
    name = "millejours.maintenance"
    verbose_name = "Maintenance (sauvegardes, conservation)"
