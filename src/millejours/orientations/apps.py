from django.apps import AppConfig


class OrientationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "millejours.orientations"
