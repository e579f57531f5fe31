"""The « Règles à valider » page: who sees it, who validates, per rule version."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from millejours.clinical import registry, selectors, services
from millejours.clinical.models import RuleValidation

pytestmark = pytest.mark.django_db

URL = "/clinique/regles-a-valider/"


def epds_item10_rule():
    return next(r for r in registry.flagged_rules() if r.code == "epds.niveau.eleve")


def test_the_medical_referent_and_the_admin_see_every_flagged_rule(
    medical_referent, admin_user, login, client
):
    for user in (medical_referent, admin_user):
        html = login(user).get(URL).content.decode()
        for rule in registry.flagged_rules():
            assert rule.code in html
        client.logout()


@pytest.mark.parametrize("who", ["sagefemme", "parent", "coordinator", "partner"])
def test_other_users_cannot_open_the_page(who, request, login):
    assert login(request.getfixturevalue(who)).get(URL).status_code == 403


def test_the_navigation_offers_the_page_to_the_referent_and_the_admin_only(
    medical_referent, admin_user, sagefemme, login, client
):
    from millejours.core.nav import entries_for

    assert "clinical:review_list" in {e["name"] for e in entries_for(medical_referent)}
    assert "clinical:review_list" in {e["name"] for e in entries_for(admin_user)}
    assert "clinical:review_list" not in {e["name"] for e in entries_for(sagefemme)}


def test_a_validation_records_who_when_comment_and_version(medical_referent, login):
    rule = epds_item10_rule()
    client = login(medical_referent)
    client.post(
        URL,
        {
            "kind": rule.kind,
            "code": rule.code,
            "version": rule.version,
            "comment": "Conforme à NSW Health",
        },
    )
    v = RuleValidation.objects.get()
    assert (v.kind, v.code, v.version, v.validated_by, v.comment) == (
        "questionnaire",
        "epds.niveau.eleve",
        rule.version,
        medical_referent,
        "Conforme à NSW Health",
    )
    assert v.validated_at is not None
    row = next(r for r in selectors.rule_rows() if r.rule.key == rule.key)
    assert not row.pending
    html = client.get(URL).content.decode()
    assert "Conforme à NSW Health" in html


def test_the_validation_holds_for_that_version_only(medical_referent):
    rule = epds_item10_rule()
    RuleValidation.objects.create(
        kind=rule.kind,
        code=rule.code,
        version="fr-guedeney-1998.v0",
        validated_by=medical_referent,
        comment="ancienne version",
    )
    row = next(r for r in selectors.rule_rows() if r.rule.key == rule.key)
    assert row.pending and row.previous.version == "fr-guedeney-1998.v0"
    assert not selectors.is_validated(rule.kind, rule.code, rule.version)


def test_the_admin_sees_but_cannot_validate(admin_user, login):
    rule = epds_item10_rule()
    response = login(admin_user).post(
        URL, {"kind": rule.kind, "code": rule.code, "version": rule.version, "comment": "ok"}
    )
    assert response.status_code == 403
    assert not RuleValidation.objects.exists()
    with pytest.raises(PermissionDenied):
        services.rule_validate(
            kind=rule.kind, code=rule.code, version=rule.version, user=admin_user, comment="ok"
        )


def test_a_comment_is_required_and_unknown_versions_are_refused(medical_referent):
    rule = epds_item10_rule()
    with pytest.raises(ValidationError):
        services.rule_validate(
            kind=rule.kind, code=rule.code, version=rule.version, user=medical_referent, comment=" "
        )
    with pytest.raises(ValidationError):
        services.rule_validate(
            kind=rule.kind, code=rule.code, version="v999", user=medical_referent, comment="ok"
        )
    assert not RuleValidation.objects.exists()


def test_only_a_clinician_may_be_the_medical_referent(medical_referent, coordinator):
    medical_referent.rpps = ""
    medical_referent.profession = "puericultrice"
    with pytest.raises(ValidationError, match="médecin ou une sage-femme"):
        medical_referent.clean()
    coordinator.is_medical_referent = True
    with pytest.raises(ValidationError, match="médecin ou une sage-femme"):
        coordinator.clean()
