"""Each rule against the reference (calendar.md), on fixed cases with expected dates.

Expected dates are written out by hand from the conventions of the reference: DPA = DDR +
287 d, DDG = DDR + 14 d, month n of pregnancy = [DDG + (n-1) mo, DDG + n mo - 1 d],
"age N months" clamped at month end, windows inclusive.
"""

from __future__ import annotations

import datetime as dt

import pytest

from millejours.pathway.calendar import Case, ChildCase, compute_milestones

D = dt.date


def by_code(case, **kw):
    out = {}
    for m in compute_milestones(case, **kw):
        out.setdefault(m.code, []).append(m)
    return {code: (ms[0] if len(ms) == 1 else ms) for code, ms in out.items()}


DDR = D(2025, 1, 31)  # a 31st: month arithmetic from the DDG (14 Feb) and from births on the 31st
PREGNANCY = by_code(Case(lmp=DDR))

# code: (window_start, due, window_end, status)
PREGNANCY_TABLE = {
    # until the end of the 3rd month (DDG + 3 months - 1 day): service-public F968
    "declaration_grossesse": (D(2025, 1, 31), D(2025, 5, 13), D(2025, 5, 13), "compulsory"),
    "examen_prenatal_1": (D(2025, 1, 31), D(2025, 5, 13), D(2025, 5, 13), "compulsory"),
    "echographie_t1": (D(2025, 4, 18), D(2025, 4, 18), D(2025, 5, 8), "recommended"),
    # from the declaration to the birth (42 SA + 6 while unborn), target the 4th month
    "epp": (D(2025, 1, 31), D(2025, 5, 14), D(2025, 11, 27), "compulsory"),
    "bilan_prenatal_prevention": (D(2025, 1, 31), D(2025, 7, 17), D(2025, 7, 17), "recommended"),
    "examen_prenatal_2": (D(2025, 5, 14), D(2025, 5, 14), D(2025, 6, 13), "compulsory"),
    "examen_prenatal_3": (D(2025, 6, 14), D(2025, 6, 14), D(2025, 7, 13), "compulsory"),
    "examen_prenatal_4": (D(2025, 7, 14), D(2025, 7, 14), D(2025, 8, 13), "compulsory"),
    "examen_prenatal_5": (D(2025, 8, 14), D(2025, 8, 14), D(2025, 9, 13), "compulsory"),
    "examen_prenatal_6": (D(2025, 9, 14), D(2025, 9, 14), D(2025, 10, 13), "compulsory"),
    "examen_prenatal_7": (D(2025, 10, 14), D(2025, 10, 14), D(2025, 11, 13), "compulsory"),
    "echographie_t2": (D(2025, 6, 20), D(2025, 7, 4), D(2025, 7, 24), "recommended"),
    "echographie_t3": (D(2025, 8, 29), D(2025, 9, 12), D(2025, 10, 2), "recommended"),
    "vaccin_coqueluche_grossesse": (D(2025, 6, 20), D(2025, 6, 20), D(2025, 10, 10), "recommended"),
    "vaccin_vrs_grossesse": (D(2025, 9, 12), D(2025, 9, 12), D(2025, 10, 16), "recommended"),
    "preparation_naissance": (D(2025, 5, 14), D(2025, 5, 14), D(2025, 11, 14), "recommended"),
    "consultation_anesthesie": (D(2025, 9, 14), D(2025, 9, 14), D(2025, 10, 13), "compulsory"),
    # flu and COVID campaigns 2025-26 from 14 October (campaign dates as data)
    "vaccin_grippe_grossesse": (D(2025, 10, 14), D(2025, 10, 14), D(2025, 11, 14), "recommended"),
    "vaccin_covid_grossesse": (D(2025, 10, 14), D(2025, 10, 14), D(2025, 11, 14), "recommended"),
    "terme_prevu": (D(2025, 11, 14), D(2025, 11, 14), D(2025, 11, 14), "information"),
}


@pytest.mark.parametrize("code", sorted(PREGNANCY_TABLE))
def test_pregnancy_rule_dates_from_the_ddr(code):
    m = PREGNANCY[code]
    assert (m.window_start, m.due, m.window_end, m.status) == PREGNANCY_TABLE[code]


def test_without_a_birth_there_are_only_pregnancy_milestones():
    assert set(PREGNANCY) == set(PREGNANCY_TABLE)


def test_a_due_date_gives_the_same_calendar_as_its_ddr():
    assert compute_milestones(Case.from_due_date(D(2025, 11, 14))) == compute_milestones(
        Case(lmp=DDR)
    )


def test_month_of_pregnancy_counts_from_conception_with_month_end_clamping():
    # DDR 17 Jan 2025 -> DDG 31 Jan: + 3 months = 30 April (clamped), + 4 months - 1 d = 30 May.
    m = by_code(Case(lmp=D(2025, 1, 17)))["examen_prenatal_2"]
    assert (m.window_start, m.window_end) == (D(2025, 4, 30), D(2025, 5, 30))


def test_leap_year_ddr():
    ms = by_code(Case(lmp=D(2024, 2, 29)))
    assert ms["terme_prevu"].due == D(2024, 12, 12)
    assert (ms["examen_prenatal_2"].window_start, ms["examen_prenatal_2"].window_end) == (
        D(2024, 6, 14),
        D(2024, 7, 13),
    )


BIRTH = D(2025, 10, 31)  # 38 SA + 6 after DDR 2025-01-31; born on a 31st
AFTER_BIRTH = by_code(Case(lmp=DDR, first_child=True, children=(ChildCase(BIRTH),)))

AFTER_BIRTH_TABLE = {
    "visite_retour_domicile": (D(2025, 10, 31), D(2025, 11, 4), D(2025, 11, 12), "recommended"),
    "vaccin_coqueluche_post_partum": (
        D(2025, 10, 31),
        D(2025, 10, 31),
        D(2025, 11, 7),
        "recommended",
    ),
    "reeducation_perineale": (D(2025, 12, 12), D(2025, 12, 12), D(2026, 4, 30), "recommended"),
    "epnp": (D(2025, 11, 28), D(2025, 11, 28), D(2025, 12, 26), "compulsory"),
    "epnp_2": (D(2026, 1, 9), D(2026, 1, 9), D(2026, 2, 6), "conditional"),
    "examen_postnatal": (D(2025, 12, 12), D(2025, 12, 12), D(2025, 12, 26), "compulsory"),
    "examen_enfant_8j": (D(2025, 10, 31), D(2025, 11, 7), D(2025, 11, 7), "compulsory"),
    "examen_enfant_2sem": (D(2025, 11, 7), D(2025, 11, 7), D(2025, 11, 13), "compulsory"),
    # during the n-th month of life: [B + (n-1) mo, B + n mo - 1 d], clamped at month end
    "examen_enfant_m2": (D(2025, 11, 30), D(2025, 11, 30), D(2025, 12, 30), "compulsory"),
    "examen_enfant_m3": (D(2025, 12, 31), D(2025, 12, 31), D(2026, 1, 30), "compulsory"),
    "examen_enfant_m4": (D(2026, 1, 31), D(2026, 1, 31), D(2026, 2, 27), "compulsory"),
    "examen_enfant_m5": (D(2026, 2, 28), D(2026, 2, 28), D(2026, 3, 30), "compulsory"),
    "examen_enfant_m6": (D(2026, 3, 31), D(2026, 3, 31), D(2026, 4, 29), "compulsory"),
    "examen_enfant_m9": (D(2026, 6, 30), D(2026, 6, 30), D(2026, 7, 30), "compulsory"),
    "examen_enfant_m12": (D(2026, 9, 30), D(2026, 9, 30), D(2026, 10, 30), "compulsory"),
    "examen_enfant_m13": (D(2026, 10, 31), D(2026, 10, 31), D(2026, 11, 29), "compulsory"),
    "examen_enfant_m16_18": (D(2027, 1, 31), D(2027, 1, 31), D(2027, 4, 29), "compulsory"),
    "examen_enfant_m24_25": (D(2027, 9, 30), D(2027, 9, 30), D(2027, 11, 29), "compulsory"),
    # vaccines: due = age, window = due -> due + 1 month - 1 day
    "vaccin_hexavalent_1": (D(2025, 12, 31), D(2025, 12, 31), D(2026, 1, 30), "compulsory"),
    "vaccin_hexavalent_2": (D(2026, 2, 28), D(2026, 2, 28), D(2026, 3, 27), "compulsory"),
    "vaccin_hexavalent_3": (D(2026, 9, 30), D(2026, 9, 30), D(2026, 10, 29), "compulsory"),
    "vaccin_pneumocoque_1": (D(2025, 12, 31), D(2025, 12, 31), D(2026, 1, 30), "compulsory"),
    "vaccin_pneumocoque_2": (D(2026, 2, 28), D(2026, 2, 28), D(2026, 3, 27), "compulsory"),
    "vaccin_pneumocoque_3": (D(2026, 9, 30), D(2026, 9, 30), D(2026, 10, 29), "compulsory"),
    "vaccin_meningocoque_b_1": (D(2026, 1, 31), D(2026, 1, 31), D(2026, 2, 27), "compulsory"),
    "vaccin_meningocoque_b_2": (D(2026, 3, 31), D(2026, 3, 31), D(2026, 4, 29), "compulsory"),
    "vaccin_meningocoque_b_3": (D(2026, 10, 31), D(2026, 10, 31), D(2026, 11, 29), "compulsory"),
    "vaccin_meningocoque_acwy_1": (D(2026, 4, 30), D(2026, 4, 30), D(2026, 5, 29), "compulsory"),
    "vaccin_meningocoque_acwy_2": (D(2026, 10, 31), D(2026, 10, 31), D(2026, 11, 29), "compulsory"),
    "vaccin_ror_1": (D(2026, 10, 31), D(2026, 10, 31), D(2026, 11, 29), "compulsory"),
    "vaccin_ror_2": (D(2027, 2, 28), D(2027, 2, 28), D(2027, 4, 30), "compulsory"),
    "vaccin_rotavirus_1": (D(2025, 12, 31), D(2025, 12, 31), D(2026, 1, 30), "recommended"),
    "vaccin_rotavirus_2": (D(2026, 1, 31), D(2026, 1, 31), D(2026, 2, 27), "recommended"),
    # born in the RSV campaign: at birth, until the end of the campaign
    "immunisation_vrs_nourrisson": (
        D(2025, 10, 31),
        D(2025, 10, 31),
        D(2026, 1, 31),
        "recommended",
    ),
    "fin_1000_jours": (D(2027, 10, 31), D(2027, 10, 31), D(2027, 10, 31), "information"),
}


@pytest.mark.parametrize("code", sorted(AFTER_BIRTH_TABLE))
def test_mother_and_child_rule_dates_from_the_birth(code):
    m = AFTER_BIRTH[code]
    assert (m.window_start, m.due, m.window_end, m.status) == AFTER_BIRTH_TABLE[code]


def test_full_term_first_child_has_exactly_the_expected_milestones():
    expected = set(PREGNANCY_TABLE) | set(AFTER_BIRTH_TABLE)
    assert (
        set(AFTER_BIRTH) == expected
    )  # no preterm dose, no BCG, no 3rd rotavirus dose, no m1 exam


def test_second_postnatal_interview_needs_first_child_or_postpartum_risk():
    child = (ChildCase(BIRTH),)
    assert "epnp_2" not in by_code(Case(lmp=DDR, children=child))
    assert "epnp_2" in by_code(Case(lmp=DDR, children=child, postpartum_risk=True))
    assert "epnp_2" in by_code(Case(lmp=DDR, children=child, first_child=True))


def test_leap_day_birth_reaches_its_second_birthday_on_28_february():
    ms = by_code(Case(lmp=D(2023, 5, 25), children=(ChildCase(D(2024, 2, 29)),)))
    assert ms["fin_1000_jours"].due == D(2026, 2, 28)
    assert ms["vaccin_ror_1"].due == D(2025, 2, 28)


def test_birth_on_31_december_gets_its_two_month_vaccine_on_29_february_of_a_leap_year():
    ms = by_code(Case(lmp=D(2023, 3, 26), children=(ChildCase(D(2023, 12, 31)),)))
    assert ms["vaccin_hexavalent_1"].due == D(2024, 2, 29)
    assert ms["vaccin_hexavalent_1"].window_end == D(2024, 3, 28)


class TestPreterm:
    LMP = D(2025, 1, 1)
    BIRTH = D(2025, 8, 1)  # 30 SA + 2

    def test_preterm_child_gets_the_extra_pneumococcal_dose_at_three_months(self):
        ms = by_code(Case(lmp=self.LMP, children=(ChildCase(self.BIRTH),)))
        m = ms["vaccin_pneumocoque_premature"]
        assert (m.due, m.window_end, m.status) == (D(2025, 11, 1), D(2025, 11, 30), "conditional")

    def test_vaccines_follow_chronological_age_not_corrected_age(self):
        ms = by_code(Case(lmp=self.LMP, children=(ChildCase(self.BIRTH),)))
        assert ms["vaccin_hexavalent_1"].due == D(2025, 10, 1)

    def test_pregnancy_milestones_after_the_birth_do_not_apply_but_the_due_date_stays(self):
        ms = by_code(Case(lmp=self.LMP, children=(ChildCase(self.BIRTH),)))
        assert (
            "examen_prenatal_6" not in ms
            and "examen_prenatal_7" not in ms
            and "vaccin_vrs_grossesse" not in ms
        )
        assert "echographie_t3" in ms  # its window opened (30 SA) before the birth (30 SA + 2)
        assert ms["terme_prevu"].due == D(2025, 10, 15)

    def test_36_weeks_6_days_is_preterm_37_weeks_is_not(self):
        birth = self.LMP + dt.timedelta(days=37 * 7)
        assert "vaccin_pneumocoque_premature" in by_code(
            Case(lmp=self.LMP, children=(ChildCase(birth, gestational_age_days=36 * 7 + 6),))
        )
        assert "vaccin_pneumocoque_premature" not in by_code(
            Case(lmp=self.LMP, children=(ChildCase(birth, gestational_age_days=37 * 7),))
        )


def test_twins_each_have_their_own_child_milestones_and_the_mother_has_one_set():
    case = Case(lmp=DDR, children=(ChildCase(BIRTH, key=1), ChildCase(BIRTH, key=2)))
    ms = compute_milestones(case)
    hexa = [m for m in ms if m.code == "vaccin_hexavalent_1"]
    assert sorted(m.child_key for m in hexa) == [1, 2]
    assert len([m for m in ms if m.code == "epnp"]) == 1


class TestRuleVersions:
    def test_born_in_june_2024_one_month_exam_menb_catch_up_menc_at_5_months(self):
        ms = by_code(Case(lmp=D(2023, 9, 15), children=(ChildCase(D(2024, 6, 10)),)))
        m1 = ms["examen_enfant_m1"]
        assert (m1.window_start, m1.window_end) == (D(2024, 6, 24), D(2024, 7, 9))
        assert ms["vaccin_meningocoque_b_1"].status == "compulsory"  # catch-up from 2023-07-01
        acwy = ms["vaccin_meningocoque_acwy_1"]
        assert acwy.due == D(2024, 11, 10) and "méningocoque C" in acwy.label

    def test_born_from_2025_no_one_month_exam_menb_compulsory_acwy_at_6_months(self):
        ms = by_code(Case(lmp=D(2024, 3, 30), children=(ChildCase(D(2025, 1, 1)),)))
        assert "examen_enfant_m1" not in ms
        assert ms["vaccin_meningocoque_b_1"].status == "compulsory"
        assert ms["vaccin_meningocoque_acwy_1"].due == D(2025, 7, 1)
        assert "ACWY" in ms["vaccin_meningocoque_acwy_1"].label

    def test_postnatal_interview_recommended_before_its_obligation(self):
        ms = by_code(
            Case(lmp=D(2021, 9, 1), first_child=True, children=(ChildCase(D(2022, 6, 1)),))
        )
        assert ms["epnp"].status == "recommended"
        assert "epnp_2" not in ms


class TestRsvSeason:
    @pytest.mark.parametrize(
        "lmp, window",
        [
            (D(2025, 1, 31), (D(2025, 9, 12), D(2025, 10, 16))),  # fully inside the campaign
            (D(2025, 1, 1), (D(2025, 9, 1), D(2025, 9, 16))),  # starts before September: clipped
            (D(2025, 6, 1), (D(2026, 1, 11), D(2026, 1, 31))),  # ends after January: clipped
            (D(2025, 8, 1), None),  # 32-36 SA in March-April: outside the campaign
        ],
    )
    def test_maternal_rsv_vaccine_only_during_the_campaign(self, lmp, window):
        m = by_code(Case(lmp=lmp)).get("vaccin_vrs_grossesse")
        if window is None:
            assert m is None
        else:
            assert (m.window_start, m.window_end) == window and m.due == window[0]

    def test_infant_born_out_of_season_is_immunised_at_the_start_of_the_first_campaign(self):
        m = by_code(Case(lmp=D(2024, 6, 1), children=(ChildCase(D(2025, 3, 10)),)))[
            "immunisation_vrs_nourrisson"
        ]
        assert (m.window_start, m.due, m.window_end) == (
            D(2025, 9, 1),
            D(2025, 9, 1),
            D(2026, 1, 31),
        )

    def test_infant_born_in_january_is_immunised_until_the_end_of_that_campaign(self):
        m = by_code(Case(lmp=D(2025, 4, 10), children=(ChildCase(D(2026, 1, 15)),)))[
            "immunisation_vrs_nourrisson"
        ]
        assert (m.window_start, m.window_end) == (D(2026, 1, 15), D(2026, 1, 31))

    def test_no_infant_immunisation_when_the_mother_was_vaccinated_14_days_before_birth(self):
        child = (ChildCase(BIRTH),)
        assert "immunisation_vrs_nourrisson" not in by_code(
            Case(lmp=DDR, children=child, maternal_rsv_vaccine_on=BIRTH - dt.timedelta(days=14))
        )
        assert "immunisation_vrs_nourrisson" in by_code(
            Case(lmp=DDR, children=child, maternal_rsv_vaccine_on=BIRTH - dt.timedelta(days=13))
        )


def test_conditional_child_rules_apply_only_with_their_flag():
    plain = by_code(Case(lmp=DDR, children=(ChildCase(BIRTH),)))
    flagged = by_code(
        Case(lmp=DDR, children=(ChildCase(BIRTH, bcg_risk=True, rotavirus_three_doses=True),))
    )
    assert "vaccin_bcg" not in plain and "vaccin_rotavirus_3" not in plain
    assert flagged["vaccin_bcg"].due == D(2025, 11, 30)
    assert flagged["vaccin_rotavirus_3"].due == D(2026, 2, 28)


def test_an_interrupted_pregnancy_keeps_only_what_started_before_it_ended():
    ms = by_code(Case(lmp=DDR, ended_on=D(2025, 4, 1)))
    assert "echographie_t1" not in ms and "examen_prenatal_2" not in ms
    assert "declaration_grossesse" in ms
