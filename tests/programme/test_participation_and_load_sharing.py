import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from millejours.accounts.models import Profession, Role
from millejours.programme.models import Fiche
from millejours.programme.selectors import load_sharing
from millejours.programme.services.participation import participation_create
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def fiche(db):
    return Fiche.objects.create(title="Ateliers alimentation", state="en_cours")


def _pro(name, profession=Profession.SAGE_FEMME):
    return factories.user(Role.PROFESSIONAL, profession=profession, last_name=name, first_name="Dr")


def test_compensation_follows_the_cptss_hourly_rates(fiche, coordinator):
    p = participation_create(
        actor=coordinator,
        user=_pro("Anim"),
        fiche=fiche,
        date=date(2025, 3, 1),
        role="animation",
        hours="2.5",
    )
    assert (p.hourly_rate, p.amount) == (Decimal("60.00"), Decimal("150.00"))


def test_rates_can_be_overridden_by_settings(fiche, coordinator, settings):
    settings.PROGRAMME_RATES = {"participation": "35"}
    p = participation_create(
        actor=coordinator,
        user=_pro("Part"),
        fiche=fiche,
        date=date(2025, 3, 1),
        role="participation",
        hours=2,
    )
    assert p.amount == Decimal("70.00")


def test_one_person_carrying_more_than_half_is_flagged_with_a_rotation_suggestion(
    fiche, coordinator
):
    heavy, light, idle = _pro("Lourd"), _pro("Leger"), _pro("Disponible")
    other = Fiche.objects.create(title="Autre action")
    participation_create(
        actor=coordinator, user=heavy, fiche=fiche, date=date(2025, 1, 1), role="animation", hours=6
    )
    participation_create(
        actor=coordinator,
        user=light,
        fiche=fiche,
        date=date(2025, 1, 1),
        role="participation",
        hours=2,
    )
    participation_create(
        actor=coordinator,
        user=idle,
        fiche=other,
        date=date(2025, 1, 1),
        role="participation",
        hours=1,
    )
    share = next(s for s in load_sharing() if s.fiche == fiche)
    assert [p["user"] for p in share.overloaded] == [heavy]
    assert share.overloaded[0]["share"] == Decimal("0.75")
    assert share.suggestions[0] == idle  # the least-loaded qualified person comes first
    assert heavy not in share.suggestions


def test_an_even_share_raises_no_warning(fiche, coordinator):
    a, b = _pro("A"), _pro("B")
    participation_create(
        actor=coordinator, user=a, fiche=fiche, date=date(2025, 1, 1), role="animation", hours=2
    )
    participation_create(
        actor=coordinator, user=b, fiche=fiche, date=date(2025, 1, 1), role="animation", hours=2
    )
    assert load_sharing()[0].overloaded == []


def test_payment_exports_in_csv_and_xlsx(fiche, coordinator, login):
    pro = _pro("Paye")
    participation_create(
        actor=coordinator,
        user=pro,
        fiche=fiche,
        date=date(2025, 5, 2),
        role="organisation",
        hours="1.5",
    )
    client = login(coordinator)
    response = client.get("/programme/participations/export.csv?annee=2025")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Date", "Nom", "Prénom"]
    assert rows[1][0] == "02/05/2025" and rows[1][1] == "Paye" and rows[1][-2] == "75,00"
    from openpyxl import load_workbook

    xlsx = client.get("/programme/participations/export.xlsx")
    ws = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    assert ws["B2"].value == "Paye" and ws["L2"].value == 75.0
    assert (
        client.get("/programme/participations/export.csv?annee=2024")
        .content.decode("utf-8-sig")
        .count("\n")
        == 1
    )


def test_the_participation_form_refuses_zero_hours(coordinator, login, fiche):
    pro = _pro("Zero")
    client = login(coordinator)
    html = client.post(
        "/programme/participations/",
        {
            "user": pro.pk,
            "fiche": fiche.pk,
            "date": "2025-01-01",
            "role": "animation",
            "hours": "0",
        },
    ).content.decode()
    assert "La durée doit être supérieure à zéro." in html
    assert not fiche.participations.exists()


def test_the_load_sharing_page_shows_the_warning(coordinator, login, fiche):
    heavy, light = _pro("Lourd"), _pro("Leger")
    participation_create(
        actor=coordinator, user=heavy, fiche=fiche, date=date(2025, 1, 1), role="animation", hours=9
    )
    participation_create(
        actor=coordinator, user=light, fiche=fiche, date=date(2025, 1, 1), role="animation", hours=1
    )
    html = login(coordinator).get("/programme/participations/repartition/").content.decode()
    assert "porte 90 % des heures" in html
    assert "Suggestion de rotation" in html


def test_the_participation_page_lists_rows_with_a_constant_number_of_queries(
    coordinator, login, fiche
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(coordinator)

    def queries_for_page():
        with CaptureQueriesContext(connection) as ctx:
            html = client.get("/programme/participations/?annee=2025").content.decode()
        # count the page's own reads (session and second-factor bookkeeping aside)
        ours = [
            q
            for q in ctx.captured_queries
            if "programme_" in q["sql"] or '"accounts_user"' in q["sql"]
        ]
        return len(ours), html.count("<td>Animation</td>")

    for i in range(2):
        participation_create(
            actor=coordinator,
            user=_pro(f"A{i}"),
            fiche=fiche,
            date=date(2025, 1, 1 + i),
            role="animation",
            hours=1,
        )
    few, shown = queries_for_page()
    assert shown == 2
    for i in range(4):
        participation_create(
            actor=coordinator,
            user=_pro(f"B{i}"),
            fiche=fiche,
            date=date(2025, 2, 1 + i),
            role="animation",
            hours=1,
        )
    many, shown = queries_for_page()
    assert shown == 6
    assert many == few
