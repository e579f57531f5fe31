from decimal import Decimal

import pytest

from millejours.programme.models import Fiche, Indicator, IndicatorValue
from millejours.programme.selectors import indicator_chart, indicator_rows
from millejours.programme.services.participation import participation_create
from millejours.programme.services.registrations import attendance_record, registration_create

from . import builders

pytestmark = pytest.mark.django_db


def test_counted_indicators_come_from_the_data(coordinator, sagefemme):
    fiche = Fiche.objects.create(title="Ateliers")
    ev = builders.event(fiche=fiche)
    session = builders.session(ev, days=1)
    regs = [
        registration_create(
            session=session, first_name="A", last_name=str(i), email=f"a{i}@exemple.test"
        )
        for i in range(3)
    ]
    attendance_record(session=session, present_ids={regs[0].pk, regs[1].pk}, actor=coordinator)
    participation_create(
        actor=coordinator,
        user=sagefemme,
        fiche=fiche,
        date=session.starts_at.date(),
        role="animation",
        hours=2,
    )
    year = session.starts_at.year
    for pos, source in enumerate(["inscriptions", "participants", "heures_pros"]):
        ind = Indicator.objects.create(fiche=fiche, label=source, source=source, position=pos)
        IndicatorValue.objects.create(indicator=ind, year=year, target=Decimal(5))
    rows = indicator_rows(fiche)
    assert [(r.computed, r.points[0]["actual"], r.points[0]["target"]) for r in rows] == [
        (True, Decimal(3), Decimal(5)),
        (True, Decimal(2), Decimal(5)),
        (True, Decimal(2), Decimal(5)),
    ]


def test_manual_indicators_use_the_entered_values_and_draw_a_chart():
    fiche = Fiche.objects.create(title="Petit pas")
    ind = Indicator.objects.create(fiche=fiche, label="Visites prénatales")
    IndicatorValue.objects.create(indicator=ind, year=2019, target=Decimal(100), actual=Decimal(80))
    IndicatorValue.objects.create(indicator=ind, year=2020, target=Decimal(120), actual=None)
    (row,) = indicator_rows(fiche)
    assert row.computed is False
    assert row.points == [
        {"year": 2019, "target": Decimal(100), "actual": Decimal(80)},
        {"year": 2020, "target": Decimal(120), "actual": None},
    ]
    chart = indicator_chart(row)
    heights = {(b["year"], b["kind"]): b["h"] for b in chart["bars"]}
    assert heights[(2020, "target")] > heights[(2019, "target")] > heights[(2019, "actual")] > 0
    assert heights[(2020, "actual")] == 0


def test_the_fiche_page_shows_the_chart_and_its_table(coordinator, login):
    fiche = Fiche.objects.create(title="Petit pas")
    ind = Indicator.objects.create(fiche=fiche, label="Visites prénatales")
    IndicatorValue.objects.create(indicator=ind, year=2019, target=Decimal(100), actual=Decimal(80))
    html = login(coordinator).get(f"/programme/fiches/{fiche.pk}/").content.decode()
    assert '<svg role="img"' in html
    assert "<caption>Visites prénatales — cible et réalisé</caption>" in html
    assert 'x="' in html and "," not in html.split('<svg role="img"')[1].split("<title")[0]


def test_the_indicator_values_page_saves_targets(coordinator, login):
    fiche = Fiche.objects.create(title="Petit pas")
    ind = Indicator.objects.create(fiche=fiche, label="Visites prénatales")
    client = login(coordinator)
    data = {
        "values-TOTAL_FORMS": "1",
        "values-INITIAL_FORMS": "0",
        "values-MIN_NUM_FORMS": "0",
        "values-MAX_NUM_FORMS": "1000",
        "values-0-indicator": ind.pk,
        "values-0-year": "2021",
        "values-0-target": "50",
        "values-0-actual": "42",
    }
    assert client.post(f"/programme/fiches/{fiche.pk}/indicateurs/", data).status_code == 302
    value = ind.values.get()
    assert (value.year, value.target, value.actual) == (2021, Decimal(50), Decimal(42))
