"""The pregnancy form records the facts the calendar rules need (issue 10): the mother's
immunodepression (nirsevimab, HAS 2024) and the gestational-diabetes risk factors
(CNGOF / SFD 2010); the child record shows the corrected age of a preterm child."""

from __future__ import annotations

import datetime as dt
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from millejours.pathway import services
from millejours.pathway.models import Child, Milestone

pytestmark = pytest.mark.django_db
LABELS = [
    "Mère immunodéprimée",
    "IMC avant la grossesse supérieur ou égal à 25",
    "Diabète de type 2 chez un parent du 1er degré",
    "Antécédent de diabète gestationnel ou d&#x27;enfant macrosome",
]


def test_the_new_pregnancy_form_shows_the_clinical_fields_in_french(login, sagefemme, family):
    html = (
        login(sagefemme).get(reverse("pathway:pregnancy_create", args=[family.pk])).content.decode()
    )
    for label in LABELS:
        assert label in html


def test_a_risk_factor_recorded_on_a_new_pregnancy_adds_the_screening(login, sagefemme, family):
    lmp = timezone.localdate() - timedelta(days=20)
    response = login(sagefemme).post(
        reverse("pathway:pregnancy_create", args=[family.pk]),
        {
            "grossesse-lmp": lmp.isoformat(),
            "grossesse-fetus_count": "1",
            "grossesse-bmi_25_or_more": "on",
        },
    )
    assert response.status_code == 302
    pregnancy = family.pregnancies.get(lmp=lmp)
    assert pregnancy.bmi_25_or_more
    assert pregnancy.milestones.filter(code="depistage_diabete_gestationnel").exists()


def test_editing_the_pregnancy_keeps_and_changes_the_clinical_fields(login, sagefemme, family):
    pregnancy = family.pregnancies.get()
    url = reverse("pathway:pregnancy_edit", args=[family.pk, pregnancy.pk])
    client = login(sagefemme)
    response = client.post(
        url,
        {
            "grossesse-lmp": pregnancy.lmp.isoformat(),
            "grossesse-fetus_count": "1",
            "grossesse-first_child": "on",
            "grossesse-mother_immunocompromised": "on",
            "grossesse-family_history_type2_diabetes": "on",
        },
    )
    assert response.status_code == 302
    pregnancy.refresh_from_db()
    assert pregnancy.mother_immunocompromised and pregnancy.family_history_type2_diabetes
    html = client.get(url).content.decode()
    assert re.search(r'name="grossesse-mother_immunocompromised"[^>]*checked', html)
    assert not re.search(r'name="grossesse-bmi_25_or_more"[^>]*checked', html)
    assert Milestone.objects.filter(
        pregnancy=pregnancy, code="depistage_diabete_gestationnel"
    ).exists()


def test_the_child_record_shows_the_corrected_age_of_a_preterm_child(login, sagefemme, family):
    pregnancy = family.pregnancies.get()
    today = timezone.localdate()
    birth = today - timedelta(days=98)  # 14 weeks old, born at 30 SA: 10 weeks early
    pregnancy.lmp = birth - timedelta(days=30 * 7)
    pregnancy.save()
    services.birth_record(
        pregnancy=pregnancy, user=sagefemme, birth_date=birth, gestational_age_weeks=30
    )
    html = login(sagefemme).get(reverse("pathway:family_detail", args=[family.pk])).content.decode()
    assert "âge réel : 14 semaines" in html
    assert "âge corrigé : 4 semaines" in html  # 14 weeks - (40 - 30) weeks


def test_a_term_child_has_no_corrected_age(login, sagefemme, family):
    pregnancy = family.pregnancies.get()
    birth = timezone.localdate() - timedelta(days=70)
    pregnancy.lmp = birth - timedelta(days=39 * 7)
    pregnancy.save()
    services.birth_record(
        pregnancy=pregnancy, user=sagefemme, birth_date=birth, gestational_age_weeks=39
    )
    html = login(sagefemme).get(reverse("pathway:family_detail", args=[family.pk])).content.decode()
    assert "âge corrigé" not in html


@pytest.mark.parametrize(
    "today, chronological, corrected",
    [
        (dt.date(2025, 2, 15), "6 semaines", "terme corrigé dans 5 semaines"),
        (dt.date(2025, 9, 26), "8 mois", "6 mois"),
        (dt.date(2027, 3, 25), "2 ans et 2 mois", "23 mois"),
        (dt.date(2027, 6, 1), "2 ans et 5 mois", ""),  # corrected age is read up to 2 years
    ],
)
def test_corrected_age_on_fixed_dates(today, chronological, corrected):
    """Born 2025-01-01 at 28 SA: 12 weeks early (corrected age = age - (40 - 28) weeks)."""
    child = Child(birth_date=dt.date(2025, 1, 1), gestational_age_weeks=28)
    assert child.ages(today) == {"chronological": chronological, "corrected": corrected}
