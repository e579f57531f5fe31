from django.apps import AppConfig


class CoreConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "millejours.core"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .i18n import on_login

        user_logged_in.connect(on_login, dispatch_uid="millejours.core.i18n.login")
