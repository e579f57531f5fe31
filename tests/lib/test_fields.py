"""The shared field rules: a family's records go with the family, optional links are emptied."""

from django.apps import apps
from django.db import models
from django.utils import timezone

from millejours.audit.models import Consent, ConsentScope
from millejours.pathway.models import Family


def test_every_link_to_a_family_is_deleted_with_the_family():
    links = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.ForeignKey)
        and field.related_model is Family
        and field.remote_field.on_delete is not models.CASCADE
    ]
    assert links == [], "erasing a family on request deletes the row: these links would block it"


def test_deleting_a_family_takes_its_records_along(family, sagefemme):
    Consent.objects.create(
        family=family,
        scope=ConsentScope.PARTAGE_EQUIPE,
        given_at=timezone.now(),
        recorded_by=sagefemme,
    )
    family.delete()
    assert not Consent.objects.exists()


def test_an_optional_link_is_emptied_when_its_target_goes(family, sagefemme):
    family.referent = sagefemme
    family.save(update_fields=["referent"])
    sagefemme.delete()
    family.refresh_from_db()
    assert family.referent is None
