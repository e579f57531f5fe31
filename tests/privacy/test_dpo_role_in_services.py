"""The RGPD writes hold the administrator / DPO's role rule themselves (docs/trust.md § 9).

Erasing a family is the administrator / DPO's act, always a named person's (never the
platform's); the anonymisation at the end of retention is the platform's (the command, the
retention job) or the DPO's. A caller that skips the pages meets ``PermissionDenied``
before anything is deleted, audit event included.
"""

import pytest
from django.core.exceptions import PermissionDenied

from millejours.audit.models import AuditEvent, ErasureRecord
from millejours.pathway.models import Family
from millejours.privacy.rgpd import anonymise_due, erase_family

pytestmark = pytest.mark.django_db

NOT_DPO = ["coordinator", "sagefemme", "parent", "partner"]


def _erasure_refused(family, actor):
    events = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        erase_family(family=family, actor=actor, legal_basis="Demande de l'intéressée")
    assert Family.objects.filter(pk=family.pk).exists()
    assert not ErasureRecord.objects.exists()
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("persona", NOT_DPO)
def test_no_one_but_the_dpo_erases_a_family(request, family, persona):
    _erasure_refused(family, request.getfixturevalue(persona))


@pytest.mark.parametrize("platform", [None, "commande rgpd"])
def test_the_platform_alone_never_erases_a_family(family, platform):
    _erasure_refused(family, platform)


def test_the_dpo_erases_a_family(family, admin_user):
    erase_family(family=family, actor=admin_user, legal_basis="Demande de l'intéressée")
    assert not Family.objects.filter(pk=family.pk).exists()
    assert ErasureRecord.objects.get().performed_by == admin_user


@pytest.mark.parametrize("persona", NOT_DPO)
def test_only_the_platform_or_the_dpo_runs_the_anonymisation(request, family, persona):
    with pytest.raises(PermissionDenied):
        anonymise_due(actor=request.getfixturevalue(persona))
    assert (
        anonymise_due() == [] and anonymise_due(actor=request.getfixturevalue("admin_user")) == []
    )
    assert not ErasureRecord.objects.exists()
