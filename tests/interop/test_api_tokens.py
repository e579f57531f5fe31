"""API tokens (issue 14 item 4): hashed, scoped, expiring, revocable; care-team scoped reads."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from millejours.audit.models import AccessLog
from millejours.indicators.definitions import load
from millejours.indicators.selectors import IndicatorRow
from millejours.interop import tokens
from millejours.interop.models import ApiToken
from millejours.lib.cli import Erreur
from millejours.pathway.calendar import materialise
from millejours.pathway.models import Milestone
from millejours.screening.services import epds_submit
from tests.interop.api_helpers import bearer, epds_answers, get_json

pytestmark = pytest.mark.django_db


def test_only_a_digest_of_the_token_is_stored(coordinator):
    token, raw = tokens.create_token(user=coordinator, name="ARS", scopes=["indicateurs"])
    assert raw.startswith(f"mj_{token.prefix}_") and len(raw) > 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert raw not in json.dumps([stored.key_hash, stored.prefix, stored.name])
    assert stored.key_hash == tokens.digest(raw)
    assert tokens.authenticate(raw).pk == token.pk
    assert tokens.authenticate(raw + "x") is None


def test_unknown_scopes_and_durations_are_refused(coordinator):
    with pytest.raises(tokens.TokenError, match="Portée inconnue"):
        tokens.create_token(user=coordinator, name="X", scopes=["tout"])
    with pytest.raises(tokens.TokenError, match="entre 1 et 366"):
        tokens.create_token(user=coordinator, name="X", scopes=[], days=0)


@pytest.fixture
def fake_indicators(monkeypatch):
    indicator = load("petit_pas_grand_pas").indicators[0]

    def table(years):
        return [
            IndicatorRow(indicator=indicator, values={years[0]: 3}, first_child={years[0]: 0})
            if indicator.first_child
            else IndicatorRow(indicator=indicator, values={years[0]: 3})
        ]

    monkeypatch.setattr("millejours.indicators.selectors.petit_pas_grand_pas_table", table)
    return indicator


def test_indicators_need_the_scope_and_hide_small_counts(client, coordinator, fake_indicators):
    assert get_json(client, "/api/v1/indicateurs")[0].status_code == 401
    wrong = bearer(coordinator, "familles")
    assert get_json(client, "/api/v1/indicateurs", wrong)[0].status_code == 403
    response, body = get_json(
        client, "/api/v1/indicateurs", bearer(coordinator, "indicateurs"), year=2025
    )
    assert response.status_code == 200
    row = body["indicators"][0]
    assert body["year"] == 2025 and row["code"] == fake_indicators.code
    assert row["value"] == "< 5"
    assert row["first_child"] in (None, 0)
    assert (
        get_json(client, "/api/v1/indicateurs", bearer(coordinator, "indicateurs"), year=1900)[
            0
        ].status_code
        == 400
    )


def test_expired_and_revoked_tokens_are_refused(client, coordinator, fake_indicators):
    headers = bearer(coordinator, "indicateurs")
    token = ApiToken.objects.get()
    assert get_json(client, "/api/v1/indicateurs", headers)[0].status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert get_json(client, "/api/v1/indicateurs", headers)[0].status_code == 401
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() + timedelta(days=1))
    tokens.revoke_token(token=token)
    assert get_json(client, "/api/v1/indicateurs", headers)[0].status_code == 401


def test_a_token_is_rate_limited(client, coordinator, settings, fake_indicators):
    settings.MILLEJOURS_RATE_LIMITS = {"api": {"per_ip": 100, "per_token": 2, "window": 60}}
    headers = bearer(coordinator, "indicateurs")
    codes = [get_json(client, "/api/v1/indicateurs", headers)[0].status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_wrong_tokens_are_rate_limited_per_client_address(client, settings):
    settings.MILLEJOURS_RATE_LIMITS = {"api": {"per_ip": 2, "per_token": 100, "window": 60}}
    guess = {"HTTP_AUTHORIZATION": "Bearer mj_00000000_devine"}
    codes = [get_json(client, "/api/v1/indicateurs", guess)[0].status_code for _ in range(3)]
    assert codes == [401, 401, 429]


def test_the_care_team_reads_milestones_and_screening_summaries_logged(client, sagefemme, family):
    materialise(list(family.pregnancies.all()))
    expected = list(
        Milestone.objects.filter(family=family)
        .order_by("due", "code", "id")
        .values_list("code", "state")
    )
    assert expected, "the family factory materialises the pathway"
    epds_submit(answers=epds_answers(), respondent="professionnel", family=family, user=sagefemme)
    headers = bearer(sagefemme, "familles")
    response, body = get_json(client, f"/api/v1/familles/{family.pk}/etapes", headers)
    assert response.status_code == 200
    assert body["family"] == family.reference
    assert [(m["code"], m["state"]) for m in body["milestones"]] == expected
    response, body = get_json(client, f"/api/v1/familles/{family.pk}/reperages", headers)
    assert response.status_code == 200
    summary = body["screenings"][0]
    assert (
        summary["questionnaire"] == "epds"
        and summary["alert"] is False
        and "answers" not in summary
    )
    pages = list(AccessLog.objects.filter(user=sagefemme).values_list("page", flat=True))
    assert sorted(pages) == ["interop:api_etapes", "interop:api_reperages"]


def test_outside_the_care_team_a_family_does_not_exist(client, outsider, parent, family):
    response, _ = get_json(
        client, f"/api/v1/familles/{family.pk}/etapes", bearer(outsider, "familles")
    )
    assert response.status_code == 404
    assert (
        get_json(client, "/api/v1/familles/0/etapes", bearer(outsider, "familles"))[0].status_code
        == 404
    )
    parent_token = bearer(parent, "familles")
    assert (
        get_json(client, f"/api/v1/familles/{family.pk}/reperages", parent_token)[0].status_code
        == 403
    )
    assert not AccessLog.objects.exists()


def test_the_command_creates_lists_and_revokes_tokens(coordinator):
    out = StringIO()
    call_command(
        "api_token",
        "create",
        "--user",
        coordinator.email,
        "--name",
        "CPAM",
        "--scope",
        "indicateurs",
        "--days",
        "30",
        stdout=out,
    )
    raw = out.getvalue().strip()
    token = tokens.authenticate(raw)
    assert token is not None and token.scopes == ["indicateurs"]
    out = StringIO()
    call_command("api_token", "list", "--format", "json", stdout=out)
    listed = json.loads(out.getvalue())["tokens"]
    assert [(t["prefix"], t["active"]) for t in listed] == [(token.prefix, True)]
    call_command("api_token", "revoke", token.prefix, stdout=StringIO())
    assert tokens.authenticate(raw) is None


def test_the_command_refuses_bad_input_with_exit_code_2(coordinator):
    with pytest.raises(Erreur) as exc:
        call_command(
            "api_token", "create", "--user", "inconnu@test.fr", "--name", "X", stdout=StringIO()
        )
    assert exc.value.returncode == 2
    with pytest.raises(Erreur):
        call_command("api_token", "revoke", "absent", stdout=StringIO())
    with pytest.raises(Erreur):
        call_command(
            "api_token",
            "create",
            "--user",
            coordinator.email,
            "--name",
            "X",
            "--days",
            "999",
            stdout=StringIO(),
        )
    assert not ApiToken.objects.exists()
