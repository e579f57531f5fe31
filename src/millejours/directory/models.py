"""Structures and the services they offer, described with the data·inclusion vocabulary.

Codes (typologies, thématiques, publics, modes d'accueil) live in ``vocabulary.py`` /
``data/vocabulary.yaml``; the models store the codes. Imported records are identified by
``(source, source_id)`` so that re-importing a file updates rather than duplicates.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from millejours.lib.fields import actor_field, commune_field, optional_fk
from millejours.lib.holidays_fr import calendar_for_commune

from . import vocabulary
from .choices import Status
from .opening_hours import describe, open_now_label

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

# The imports inside the properties below keep this module light: ``vocabulary`` loads the
# data·inclusion schema (pydantic, about a second) and ``opening_hours`` / ``holidays_fr`` the
# opening-hours and holiday packages, which every command that only loads the models (migrate,
# the scheduler) would otherwise pay for. None of them imports these models (no loop).


class PlaceAndContact(models.Model):
    """Where a structure or a service is, how to reach it and when it is open.

    Abstract: ``Structure`` and ``Service`` each have these columns in their own table
    (the migrations are unchanged by this base class).
    """

    address = models.CharField("adresse", max_length=300, blank=True, default="")
    postcode = models.CharField("code postal", max_length=5, blank=True, default="")
    commune = commune_field(related_name="+")
    latitude = models.FloatField("latitude", null=True, blank=True)
    longitude = models.FloatField("longitude", null=True, blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True, default="")
    email = models.EmailField("courriel", blank=True, default="")
    website = models.URLField("site web", blank=True, default="")
    opening_hours = models.CharField(
        "horaires (format OpenStreetMap)", max_length=300, blank=True, default=""
    )

    class Meta:
        abstract = True


class DirectoryRecord(PlaceAndContact):
    """What a structure and a service both are: a named entry of the directory, where it is
    and how to reach it (``PlaceAndContact``), and when its row was created and last changed.

    An entry is identified by ``(source, source_id)``, unique per model: re-importing a file
    updates the entry rather than duplicates it. Abstract: ``Structure`` and ``Service`` each
    have these columns and their own constraint (``directory_<model>_source_id``) in their own
    table; their ``Meta`` extends this one to keep the constraint and the order by name.
    """

    source = models.CharField("source", max_length=100, default="millejours")
    source_id = models.CharField("identifiant dans la source", max_length=200)
    name = models.CharField("nom", max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"], name="%(app_label)s_%(class)s_source_id"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Structure(DirectoryRecord):
    typologie = models.CharField("typologie", max_length=60, blank=True, default="")
    siret = models.CharField("SIRET", max_length=14, blank=True, default="")
    organisation = optional_fk(
        "accounts.Organisation",
        verbose_name="organisation gestionnaire",
        related_name="directory_structures",
        help_text="Ses membres (rôle partenaire) reçoivent les orientations vers les services de la structure.",
    )
    description = models.TextField("description", blank=True, default="")

    class Meta(DirectoryRecord.Meta):
        verbose_name = "structure"

    @property
    def typologie_label(self) -> str:
        return vocabulary.typologies().get(self.typologie, self.typologie)


class Service(DirectoryRecord):
    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="services")
    description = models.TextField("description", blank=True, default="")
    typologie = models.CharField("typologie", max_length=60, blank=True, default="")
    type_service = models.CharField("type de service", max_length=40, blank=True, default="")
    thematiques = models.JSONField("thématiques", default=list, blank=True)
    publics = models.JSONField("publics", default=list, blank=True)
    modes_accueil = models.JSONField("modes d'accueil", default=list, blank=True)
    zone_eligibilite = models.JSONField(
        "zone d'éligibilité (codes géographiques)", default=list, blank=True
    )
    languages = models.JSONField("langues parlées", default=list, blank=True)
    accessibility = models.CharField("accessibilité", max_length=300, blank=True, default="")
    accessibility_url = models.URLField("fiche Accès libre", blank=True, default="")
    frais = models.CharField("frais", max_length=10, blank=True, default="")
    # Searchable copies of the JSON lists ("|code|code|"), indexed-free LIKE filters that
    # behave the same on SQLite and PostgreSQL.
    themes_key = models.CharField(max_length=2000, blank=True, default="", editable=False)
    publics_key = models.CharField(max_length=1000, blank=True, default="", editable=False)
    # Contacts reserved to professionals (never shown on the public page).
    private_contact_name = models.CharField(
        "contact réservé aux professionnels", max_length=200, blank=True, default=""
    )
    private_phone = models.CharField(
        "téléphone réservé aux professionnels", max_length=30, blank=True, default=""
    )
    private_email = models.EmailField("courriel réservé aux professionnels", blank=True, default="")
    status = models.CharField(
        "statut", max_length=10, choices=Status.choices, default=Status.PUBLISHED
    )
    last_checked_on = models.DateField("dernière vérification", null=True, blank=True)
    # Fields edited here (by the partner or the coordination): a later import of the same
    # (source, id), e.g. the data·inclusion feed, leaves them as edited (see datainclusion.py).
    local_fields = models.JSONField("champs modifiés localement", default=list, blank=True)

    class Meta(DirectoryRecord.Meta):
        verbose_name = "service"
        constraints = [
            *DirectoryRecord.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in Status]),
                name="directory_service_status_valid",
            ),
        ]
        indexes = [
            # The search: bounding box on latitude (range) then longitude, per status.
            # id as the last key column makes it covering on every backend (index-only
            # scan on PostgreSQL; INCLUDE would be ignored by SQLite with a warning).
            # structure_id and opening_hours after id: "open now" reads them from the
            # index too (no table lookup per candidate, no join; issue 16).
            models.Index(
                fields=["status", "latitude", "longitude", "id", "structure", "opening_hours"],
                name="dir_service_status_geo_idx",
            ),
            models.Index(fields=["latitude", "longitude"], name="dir_service_geo_idx"),
            models.Index(fields=["last_checked_on"], name="dir_service_checked_idx"),
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.sync_keys()
        super().save(*args, **kwargs)

    def sync_keys(self) -> None:
        """Refresh the searchable copies of the JSON lists (call before saving)."""
        self.themes_key = "|" + "|".join(self.thematiques or []) + "|" if self.thematiques else ""
        self.publics_key = "|" + "|".join(self.publics or []) + "|" if self.publics else ""

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def typologie_label(self) -> str:
        code = self.typologie or self.structure.typologie
        return vocabulary.typologies().get(code, code)

    @property
    def theme_labels(self) -> list[str]:
        return _labelled(self.thematiques, vocabulary.thematiques())

    @property
    def public_labels(self) -> list[str]:
        return _labelled(self.publics, vocabulary.publics())

    @property
    def language_labels(self) -> list[str]:
        return _labelled(self.languages, vocabulary.langues())

    @property
    def opening_hours_lines(self) -> list[str]:
        """French lines for the coming week (the value as written when unreadable)."""
        return describe(
            self.opening_hours, timezone.localtime(timezone.now(), self.local_timezone).date()
        )

    @property
    def local_timezone(self) -> ZoneInfo:
        return calendar_for_commune(self.commune).timezone

    @property
    def open_now_label(self) -> str:
        """« oui », « non », « à confirmer » or « horaires non renseignés », on local time."""
        departement = calendar_for_commune(self.commune).departement
        hours = self.opening_hours or self.structure.opening_hours
        return open_now_label(hours, timezone.now(), departement)

    def is_check_overdue(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        days = getattr(settings, "MILLEJOURS_DIRECTORY_CHECK_DAYS", 365)
        return self.last_checked_on is None or (today - self.last_checked_on).days > days


class ServiceChange(models.Model):
    """One edit of a service from the platform: who, when, each field before and after."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="changes")
    author = actor_field()
    by_partner = models.BooleanField("par le partenaire", default=False)
    changed_at = models.DateTimeField("modifié le", default=timezone.now, db_index=True)
    before = models.JSONField("avant", default=dict)
    after = models.JSONField("après", default=dict)

    class Meta:
        verbose_name = "modification de fiche"
        verbose_name_plural = "modifications de fiches"
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.service} — {self.changed_at:%d/%m/%Y}"

    @property
    def rows(self) -> list[tuple[str, object, object]]:
        """(field label, before, after) for each changed field."""
        labels = {
            f.name: f.verbose_name for f in Service._meta.get_fields() if hasattr(f, "verbose_name")
        }

        def shown(value: object) -> str:
            if isinstance(value, list):
                return ", ".join(str(v) for v in value)
            return Status(value).label if value in Status.values else str(value or "")

        return [
            (str(labels.get(name, name)), shown(self.before.get(name)), shown(self.after.get(name)))
            for name in self.after
        ]


def _labelled(codes: list[str], labels: dict[str, str]) -> list[str]:
    """The French labels of ``codes`` (a code without a label is shown as written)."""
    return [labels.get(code, code) for code in codes]
