"""Reminders to check the directory entries ("dernière vérification")."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail

from .selectors import services_to_check


def send_check_reminders(*, days: int | None = None, dry_run: bool = False) -> int:
    """One e-mail per structure address listing its services to check; returns the count of services."""
    days = days if days is not None else getattr(settings, "MILLEJOURS_DIRECTORY_CHECK_DAYS", 365)
    by_address: dict[str, list] = defaultdict(list)
    count = 0
    for service in services_to_check(older_than_days=days):
        count += 1
        organisation = service.structure.organisation
        address = (
            service.email or service.structure.email or (organisation.email if organisation else "")
        )
        if address:
            by_address[address].append(service)
    if not dry_run:
        for address, services in by_address.items():
            lines = "\n".join(
                f"- {s.name} (dernière vérification : {s.last_checked_on.strftime('%d/%m/%Y') if s.last_checked_on else 'jamais'})"
                for s in services
            )
            send_mail(
                "Mille Jours : merci de vérifier vos informations dans l'annuaire",
                "Bonjour,\n\nLes fiches suivantes de l'annuaire des ressources n'ont pas été vérifiées "
                f"depuis plus de {days} jours :\n{lines}\n\nMerci de nous signaler toute modification.\n",
                None,
                [address],
            )
    return count
