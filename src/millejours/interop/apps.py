from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "millejours.interop"
