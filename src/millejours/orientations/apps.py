from django.apps import AppConfig


class OrientationsConfig(AppConfig):
    name = "millejours.orientations"
