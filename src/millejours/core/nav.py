"""The main navigation: entries are declared here once, shown by role.

An entry whose URL name does not exist (yet) is skipped, so that domains can be added
one at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from millejours.accounts.models import Role
from millejours.lib.urls import reverse_ids


@dataclass(frozen=True)
class NavEntry:
    label: str | Promise  # parents' entries are translated (docs/langues.md)
    url_name: str
    roles: frozenset[str]
    also: Callable | None = None  # shown as well to the users for whom it returns True


PRO = frozenset({Role.PROFESSIONAL, Role.REFERENT})
COORD = frozenset({Role.COORDINATOR})
ADMIN = frozenset({Role.ADMIN})
PARENT = frozenset({Role.PARENT})
PARTNER = frozenset({Role.PARTNER})

ENTRIES: tuple[NavEntry, ...] = (
    NavEntry("Ma liste de travail", "pathway:worklist", PRO),
    NavEntry("Alertes", "screening:alert_list", PRO),
    NavEntry(
        "Demandes de contact",
        "screening:contact_list",
        frozenset({Role.REFERENT, Role.COORDINATOR}),
    ),
    NavEntry("Familles", "pathway:family_list", PRO),
    NavEntry(_("Mon calendrier"), "pathway:parent_calendar", PARENT),
    NavEntry(_("Test EPDS"), "screening:epds_parent", PARENT),
    NavEntry(_("Mon bilan prévention"), "checkup:parent_plan", PARENT),
    NavEntry(_("Qui a consulté mon dossier"), "privacy:my_access_history", PARENT),
    NavEntry(_("Mes consentements"), "privacy:my_consents", PARENT),
    NavEntry(_("Mes données"), "privacy:my_data", PARENT),
    NavEntry("Accompagnement", "followup:caseload", frozenset({Role.REFERENT})),
    NavEntry("Orientations reçues", "orientations:inbox", PARTNER),
    NavEntry("Orientations", "orientations:list", PRO),
    NavEntry("Ressources", "directory:pro_search", PRO | COORD | PARTNER),
    NavEntry("Mes fiches", "directory:my_services", PARTNER),
    NavEntry("Modifications des fiches", "directory:changes", COORD),
    NavEntry(_("Ressources près de chez moi"), "directory:public_search", PARENT),
    NavEntry(_("Ateliers"), "programme:public_events", PARENT),
    NavEntry("Fiches action", "programme:fiche_list", COORD),
    NavEntry("Formations", "programme:pro_events", PRO),
    NavEntry("Événements", "programme:event_list", COORD),
    NavEntry("Aller vers", "outreach:home", COORD),
    NavEntry("Indicateurs", "indicators:dashboard", COORD | ADMIN),
    NavEntry(
        "1000 premiers jours", "indicators:thousand_days", COORD | ADMIN | frozenset({Role.FUNDER})
    ),
    NavEntry("Territoire", "territory:list", COORD | ADMIN),
    NavEntry("Journal des accès", "privacy:accesslog_search", ADMIN),
    NavEntry(
        "Règles à valider",
        "clinical:review_list",
        ADMIN,
        also=lambda user: getattr(user, "is_medical_referent", False),
    ),
)


def entries_for(user) -> list[dict[str, Any]]:
    if not user.is_authenticated:
        return []
    role = Role.ADMIN if user.is_superuser else user.role
    items = []
    for entry in ENTRIES:
        if role not in entry.roles and not (entry.also and entry.also(user)):
            continue
        try:
            url = reverse_ids(entry.url_name)  # reversed once per process (lib/urls.py)
        except NoReverseMatch:
            continue
        items.append({"label": entry.label, "url": url, "name": entry.url_name})
    return items
