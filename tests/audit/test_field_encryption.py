"""Sensitive fields are encrypted at rest; keys rotate with rotate_field_keys."""

import io

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from millejours.audit.fields import decrypt_str, encrypt_str
from millejours.audit.models import BreakGlassAccess
from millejours.audit.services import break_glass_open

pytestmark = pytest.mark.django_db
REASON = "Hospitalisation en urgence, dossier indispensable."


def stored_reason(pk) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reason FROM trust_breakglassaccess WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_value_is_unreadable_in_the_database(family, outsider):
    access = break_glass_open(user=outsider, family=family, reason=REASON)
    raw = stored_reason(access.pk)
    assert raw.startswith("fernet:") and "Hospitalisation" not in raw
    assert BreakGlassAccess.objects.get(pk=access.pk).reason == REASON


def test_rotation_re_encrypts_with_the_new_first_key(family, outsider, settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.MILLEJOURS_FIELD_KEYS = [old]
    access = break_glass_open(user=outsider, family=family, reason=REASON)
    settings.MILLEJOURS_FIELD_KEYS = [new, old]
    out = io.StringIO()
    call_command("rotate_field_keys", stdout=out)
    assert "trust.BreakGlassAccess.reason : 1 valeur(s) rechiffrée(s)" in out.getvalue()
    settings.MILLEJOURS_FIELD_KEYS = [new]  # the old key can now be removed
    assert BreakGlassAccess.objects.get(pk=access.pk).reason == REASON


def test_a_value_under_an_unknown_key_fails_loudly(family, outsider, settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.MILLEJOURS_FIELD_KEYS = [Fernet.generate_key().decode()]
    access = break_glass_open(user=outsider, family=family, reason=REASON)
    settings.MILLEJOURS_FIELD_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(ImproperlyConfigured):
        BreakGlassAccess.objects.get(pk=access.pk)


def test_clear_text_written_before_encryption_is_still_read():
    assert decrypt_str("ancienne valeur en clair") == "ancienne valeur en clair"
    assert decrypt_str(encrypt_str("é")) == "é"


def test_generate_key_prints_a_fernet_key():
    out = io.StringIO()
    call_command("rotate_field_keys", "--generate-key", stdout=out)
    Fernet(out.getvalue().strip().encode())


def test_json_field_round_trips_a_document():
    from millejours.audit.fields import EncryptedJSONField

    field = EncryptedJSONField()
    stored = field.get_prep_value({"q1": 3, "réponse": "oui"})
    assert stored.startswith("fernet:") and "oui" not in stored
    assert field.from_db_value(stored, None, connection) == {"q1": 3, "réponse": "oui"}
