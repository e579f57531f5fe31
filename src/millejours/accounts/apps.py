from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "millejours.accounts"

    def ready(self):
        from . import checks  # noqa: F401 - registers the deploy checks
