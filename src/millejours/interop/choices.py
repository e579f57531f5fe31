"""Vocabularies of the interop domain: the scopes an API token may carry."""

from __future__ import annotations

from django.db import models


class ApiScope(models.TextChoices):
    INDICATORS = "indicateurs", "Indicateurs agrégés (valeurs < 5 masquées)"
    FAMILIES = "familles", "Étapes et repérages des familles de l'équipe de soins de l'utilisateur"
