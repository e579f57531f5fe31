from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "millejours.directory"
