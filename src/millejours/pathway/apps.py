from django.apps import AppConfig


class PathwayConfig(AppConfig):
    name = "millejours.pathway"

    def ready(self) -> None:
        # Signal receivers connect once every app is loaded (Django's ready() pattern).
        from django.contrib.auth.signals import user_logged_in

        from millejours.core.i18n import language_chosen

        from .languages import on_language_chosen, on_login

        user_logged_in.connect(on_login, dispatch_uid="millejours.pathway.languages.login")
        language_chosen.connect(on_language_chosen, dispatch_uid="millejours.pathway.languages")
