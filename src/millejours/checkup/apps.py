from django.apps import AppConfig


class CheckupConfig(AppConfig):
    name = "millejours.checkup"
    verbose_name = "Bilan prévention"
