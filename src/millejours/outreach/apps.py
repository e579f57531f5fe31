from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "millejours.outreach"

    def ready(self) -> None:
        # Signal receivers connect once every app is loaded (Django's ready() pattern).
        from millejours.privacy.rgpd import family_erasure

        from .files import on_family_erasure

        family_erasure.connect(on_family_erasure, dispatch_uid="outreach-declaration-files")

        from anymail.signals import tracking

        from .email_tracking import on_tracking

        tracking.connect(on_tracking, dispatch_uid="outreach-email-bounces")
