"""People and organisations.

Every person logs in with an e-mail address. ``User.role`` is the broad role that decides
which spaces a person sees; what a professional may see of a *family* is decided by the
family's care team (``pathway.CareTeamMember``), never by the role alone.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models

from millejours.lib.fields import actor_field, commune_field

from .choices import (
    CLINICAL_PROFESSIONS,
    PROFESSIONAL_ROLES,
    PROFESSIONS_WITH_RPPS,
    MembershipRole,
    OrganisationKind,
    Profession,
    Role,
)
from .validators import normalise_rpps, validate_rpps

# A person's name in a record (``max_length`` of AuditEvent.actor_label, AccessLog.actor_label,
# Consent.given_by, ErasureRecord.performed_by_label, OrientationEvent.by_label). A user's
# first and last names may hold 150 characters each and an e-mail 254: ``display_name`` is
# cut to this width so that no write of a record fails on a long name (PostgreSQL refuses a
# longer value).
NAME_LENGTH = 200


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("L'adresse électronique est obligatoire.")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("role", Role.ADMIN)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    username = None  # type: ignore[assignment]  # the e-mail address is the login
    email = models.EmailField("adresse électronique", unique=True)
    role = models.CharField("rôle", max_length=20, choices=Role.choices, default=Role.PARENT)
    profession = models.CharField(
        "profession", max_length=40, choices=Profession.choices, blank=True, default=""
    )
    rpps = models.CharField("numéro RPPS", max_length=11, blank=True, default="")
    phone = models.CharField("téléphone", max_length=20, blank=True, default="")
    is_medical_referent = models.BooleanField(
        "référent médical",
        default=False,
        help_text="Valide les règles cliniques interprétées (page « Règles à valider »). "
        "Médecin ou sage-femme.",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    # (django-stubs expects contrib.auth's UserManager, which needs a username)
    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta:
        verbose_name = "utilisateur"
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.display_name

    def clean(self):
        """RPPS: required for the professions registered in it, 11 digits with a Luhn key."""
        super().clean()
        self.rpps = normalise_rpps(self.rpps)
        if (
            self.profession in PROFESSIONS_WITH_RPPS
            and self.role in PROFESSIONAL_ROLES
            and not self.rpps
        ):
            raise ValidationError({"rpps": "Le numéro RPPS est obligatoire pour cette profession."})
        if self.is_medical_referent and (
            self.role not in PROFESSIONAL_ROLES or self.profession not in CLINICAL_PROFESSIONS
        ):
            raise ValidationError(
                {"is_medical_referent": "Le référent médical est un médecin ou une sage-femme."}
            )
        if self.rpps:
            try:
                validate_rpps(self.rpps)
            except ValidationError as exc:
                raise ValidationError({"rpps": exc.messages}) from None

    @property
    def display_name(self) -> str:
        """First and last name (else the e-mail), as shown and as recorded: at most
        ``NAME_LENGTH`` characters, the width of every column that names a person in a
        record (audit trail, access log, consents, orientation history)."""
        full = f"{self.first_name} {self.last_name}".strip()
        return (full or self.email)[:NAME_LENGTH]

    @property
    def is_parent(self) -> bool:
        return self.role == Role.PARENT

    @property
    def is_professional(self) -> bool:
        """Professionals and referents: the people who may join a family's care team."""
        return self.role in PROFESSIONAL_ROLES

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR

    @property
    def is_partner(self) -> bool:
        return self.role == Role.PARTNER

    @property
    def is_funder(self) -> bool:
        """ARS, CPAM…: reads the published (suppressed) indicators and reports, nothing else."""
        return self.role == Role.FUNDER

    @property
    def is_platform_admin(self) -> bool:
        return self.role == Role.ADMIN or self.is_superuser


class Organisation(models.Model):
    name = models.CharField("nom", max_length=200)
    kind = models.CharField("type", max_length=20, choices=OrganisationKind.choices)
    siret = models.CharField("SIRET", max_length=14, blank=True, default="")
    commune = commune_field()
    email = models.EmailField("courriel", blank=True, default="")
    phone = models.CharField("téléphone", max_length=20, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "organisation"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "appartenance"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="membership_unique_user_org"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation}"


class EnrolmentLink(models.Model):
    """A one-time link that lets a person enrol a second-factor device (issue 11 item 5).

    Outside demo mode, a password alone never enrols a device: the link is e-mailed to the
    account's address (on request from the login flow, or by an administrator) or handed
    over by an administrator. Only the SHA-256 of the token is stored; the link works
    once (``used_at``) and until ``expires_at``.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="enrolment_links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    expires_at = models.DateTimeField("expire le")
    used_at = models.DateTimeField("utilisé le", null=True, blank=True)
    created_by = actor_field("émis par")

    class Meta:
        verbose_name = "lien d'inscription à la double authentification"
        verbose_name_plural = "liens d'inscription à la double authentification"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} ({'utilisé' if self.used_at else 'expire le ' + self.expires_at.strftime('%d/%m/%Y %H:%M')})"
