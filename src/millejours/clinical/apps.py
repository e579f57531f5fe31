from django.apps import AppConfig


class ClinicalConfig(AppConfig):
    name = "millejours.clinical"
    label = "clinical"
    verbose_name = "Règles cliniques à valider"
