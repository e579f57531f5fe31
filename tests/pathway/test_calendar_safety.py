"""Clinical-safety findings of the calendar audit (issue 10), each on fixed dates.

Sources are cited per test; the conventions are those of the shared reference
(DPA = DDR + 287 d, DDG = DDR + 14 d, month arithmetic clamped at month end, windows
inclusive).
"""

from __future__ import annotations

import datetime as dt

import pytest

from millejours.pathway.calendar import Case, ChildCase, compute_milestones, get_rules

D = dt.date
DDR = D(2025, 1, 31)
BIRTH = D(2025, 10, 31)  # 38 SA + 6
PREGNANCY_ONLY = {r.code for r in get_rules().by_subject("grossesse")}


def by_code(case):
    return {m.code: m for m in compute_milestones(case)}


def window(m):
    return (m.window_start, m.due, m.window_end)


class TestNirsevimab:
    """HAS 2024, maternal RSV vaccine (Abrysvo) and nirsevimab: the infant immunisation
    stays indicated for a preterm newborn and when the mother is immunocompromised, even
    after a maternal vaccine given >= 14 days before the birth.
    https://www.has-sante.fr/jcms/p_3505344/fr/recommandation-vaccinale-contre-les-infections-a-vrs-chez-les-femmes-enceintes
    """

    LMP = D(2025, 2, 1)
    VACCINE = D(2025, 9, 20)  # 33 SA + 1, in the campaign

    def test_term_baby_of_a_vaccinated_mother_needs_no_nirsevimab(self):
        case = Case(
            lmp=self.LMP,
            maternal_rsv_vaccine_on=self.VACCINE,
            children=(ChildCase(D(2025, 10, 25)),),
        )
        assert "immunisation_vrs_nourrisson" not in by_code(case)

    def test_preterm_newborn_keeps_nirsevimab_even_after_the_maternal_vaccine(self):
        birth = D(2025, 10, 5)  # 35 SA + 3: preterm, 15 days after the maternal vaccine
        case = Case(
            lmp=self.LMP, maternal_rsv_vaccine_on=self.VACCINE, children=(ChildCase(birth),)
        )
        m = by_code(case)["immunisation_vrs_nourrisson"]
        assert window(m) == (birth, birth, D(2026, 1, 31)) and m.review

    def test_baby_of_an_immunocompromised_mother_keeps_nirsevimab(self):
        case = Case(
            lmp=self.LMP,
            maternal_rsv_vaccine_on=self.VACCINE,
            mother_immunocompromised=True,
            children=(ChildCase(D(2025, 10, 25)),),
        )
        assert by_code(case)["immunisation_vrs_nourrisson"].due == D(2025, 10, 25)


class TestMeningococcalByDateOfDose:
    """Calendrier des vaccinations 2025 and décret 2024-694 of 5 July 2024: from
    2025-01-01 every meningococcal C dose is replaced by ACWY (the vaccine follows the
    date of the dose); MenB and ACWY obligations cover children born from 2023-07-01.
    https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000049868029
    """

    def test_a_menc_schedule_begun_in_2024_is_completed_with_acwy(self):
        # born 2024-07-20: 5 months = 2024-12-20 (MenC), 12 months = 2025-07-20 (ACWY)
        ms = by_code(Case(lmp=D(2023, 10, 20), children=(ChildCase(D(2024, 7, 20)),)))
        first, second = ms["vaccin_meningocoque_acwy_1"], ms["vaccin_meningocoque_acwy_2"]
        assert "méningocoque C" in first.label and first.due == D(2024, 12, 20)
        assert first.window_end == D(2024, 12, 31)  # MenC is no longer used from 2025
        assert "méningocoque C" not in second.label and second.due == D(2025, 7, 20)

    def test_a_late_menc_dose_tells_the_catch_up_is_acwy(self):
        first = by_code(Case(lmp=D(2023, 10, 20), children=(ChildCase(D(2024, 7, 20)),)))[
            "vaccin_meningocoque_acwy_1"
        ]
        assert "rattrapage en ACWY" in first.label

    def test_a_child_whose_five_month_date_falls_in_2025_gets_acwy_at_six_months(self):
        ms = by_code(Case(lmp=D(2023, 11, 20), children=(ChildCase(D(2024, 8, 15)),)))
        assert ms["vaccin_meningocoque_acwy_1"].due == D(2025, 2, 15)
        assert ms["vaccin_meningocoque_acwy_1"].label.startswith(
            "Vaccin contre les méningocoques ACWY"
        )

    def test_twins_born_either_side_of_midnight_on_31_december_get_the_same_vaccines(self):
        lmp = D(2024, 3, 28)
        twins = (ChildCase(D(2024, 12, 31), key=1), ChildCase(D(2025, 1, 1), key=2))
        ms = compute_milestones(Case(lmp=lmp, children=twins))
        per_child = {
            k: {
                (m.code, m.label, m.status)
                for m in ms
                if m.child_key == k and m.code != "examen_enfant_m1"
            }
            for k in (1, 2)
        }
        assert per_child[1] == per_child[2]
        assert not any(m.code == "examen_enfant_m1" for m in ms)  # would fall in January 2025
        acwy = [m for m in ms if m.code.startswith("vaccin_meningocoque_acwy")]
        assert len(acwy) == 4 and not any("méningocoque C" in m.label for m in acwy)

    @pytest.mark.parametrize(
        "birth, status, review",
        [
            (D(2023, 6, 30), "recommended", True),
            (
                D(2023, 7, 1),
                "compulsory",
                True,
            ),  # catch-up of children born from 2023-07-01 (interpreted)
            # the reference's ⚠ covers the whole row (décret 2024-694, exact wording to verify)
            (D(2025, 1, 1), "compulsory", True),
        ],
    )
    def test_menb_obligation_covers_the_catch_up_from_july_2023(self, birth, status, review):
        lmp = birth - dt.timedelta(days=280)
        m = by_code(Case(lmp=lmp, children=(ChildCase(birth),)))["vaccin_meningocoque_b_1"]
        assert (m.status, m.review) == (status, review)

    def test_acwy_catch_up_doses_of_children_born_before_2025_are_flagged_for_review(self):
        m = by_code(Case(lmp=D(2023, 10, 20), children=(ChildCase(D(2024, 7, 20)),)))[
            "vaccin_meningocoque_acwy_2"
        ]
        assert m.status == "compulsory" and m.review


class TestOneMonthExamRemoval:
    """Arrêté of 26 February 2019 as modified: the exam "before the end of the 1st month"
    is removed for exams falling from 2025-01-01 (not by birth cohort).
    https://www.legifrance.gouv.fr/loda/id/JORFTEXT000038170459
    """

    def test_born_in_november_2024_still_has_the_exam_in_december(self):
        m = by_code(Case(lmp=D(2024, 2, 1), children=(ChildCase(D(2024, 11, 10)),)))[
            "examen_enfant_m1"
        ]
        assert window(m) == (D(2024, 11, 24), D(2024, 11, 24), D(2024, 12, 9))

    def test_born_on_29_december_2024_has_no_one_month_exam(self):
        assert "examen_enfant_m1" not in by_code(
            Case(lmp=D(2024, 3, 10), children=(ChildCase(D(2024, 12, 29)),))
        )

    def test_an_exam_opening_in_2024_closes_on_31_december(self):
        m = by_code(Case(lmp=D(2024, 3, 5), children=(ChildCase(D(2024, 12, 10)),)))[
            "examen_enfant_m1"
        ]
        assert window(m) == (D(2024, 12, 24), D(2024, 12, 24), D(2024, 12, 31))


class TestPregnancyRules:
    PREG = by_code(Case(lmp=DDR))

    def test_declaration_and_first_exam_until_the_end_of_the_third_month(self):
        """service-public F968 « avant la fin du 3e mois » = DDG + 3 months - 1 day, the day
        before the 4th-month exam opens. https://www.service-public.fr/particuliers/vosdroits/F968"""
        for code in ("declaration_grossesse", "examen_prenatal_1"):
            assert window(self.PREG[code]) == (DDR, D(2025, 5, 13), D(2025, 5, 13))
        assert self.PREG["examen_prenatal_2"].window_start == D(2025, 5, 14)
        assert (
            self.PREG["declaration_grossesse"].source
            == "https://www.service-public.fr/particuliers/vosdroits/F968"
        )

    def test_epp_targets_the_fourth_month_and_is_never_late_before_the_birth(self):
        """CSP L2122-1 (« dès lors que la déclaration de grossesse a été effectuée »), ameli
        (« à partir du 4e mois »): no deadline before the birth."""
        assert window(self.PREG["epp"]) == (
            DDR,
            D(2025, 5, 14),
            D(2025, 11, 27),
        )  # 42 SA + 6 while unborn
        with_birth = by_code(Case(lmp=DDR, children=(ChildCase(D(2025, 11, 20)),)))["epp"]
        assert with_birth.window_end == D(2025, 11, 20)

    def test_anaesthesia_consultation_during_the_eighth_month(self):
        m = self.PREG["consultation_anesthesie"]
        assert window(m) == (D(2025, 9, 14), D(2025, 9, 14), D(2025, 10, 13)) and m.review

    def test_gestational_diabetes_screening_only_with_a_risk_factor(self):
        """CNGOF/SFD 2010 expert consensus: 75 g OGTT at 24-28 SA when a risk factor is present."""
        assert "depistage_diabete_gestationnel" not in self.PREG
        m = by_code(Case(lmp=DDR, gestational_diabetes_risk=True))["depistage_diabete_gestationnel"]
        assert (
            window(m) == (D(2025, 7, 18), D(2025, 7, 18), D(2025, 8, 21))
            and m.status == "conditional"
        )

    def test_flu_and_covid_vaccines_during_their_campaigns(self):
        """Calendrier des vaccinations; infovac (vaccination de la femme enceinte)."""
        assert window(self.PREG["vaccin_grippe_grossesse"]) == (
            D(2025, 10, 14),
            D(2025, 10, 14),
            D(2025, 11, 14),
        )
        assert window(self.PREG["vaccin_covid_grossesse"]) == (
            D(2025, 10, 14),
            D(2025, 10, 14),
            D(2025, 11, 14),
        )
        spring = by_code(Case(lmp=D(2025, 3, 1)))  # DDG 15 March, DPA 13 Dec: 2025-26 campaign
        assert spring["vaccin_grippe_grossesse"].window_start == D(2025, 10, 14)

    def test_pertussis_source_is_the_has_2022_recommendation(self):
        assert "p_3084228" in self.PREG["vaccin_coqueluche_grossesse"].source


class TestMotherAfterBirth:
    MS = by_code(Case(lmp=DDR, children=(ChildCase(BIRTH),)))

    def test_prado_home_visit_targets_four_days_after_the_birth(self):
        """HAS 2014 « Sortie de maternité après accouchement »; ameli PRADO (cover to B + 12 d)."""
        assert window(self.MS["visite_retour_domicile"]) == (BIRTH, D(2025, 11, 4), D(2025, 11, 12))

    def test_postnatal_exam_between_six_and_eight_weeks(self):
        m = self.MS["examen_postnatal"]
        assert window(m) == (D(2025, 12, 12), D(2025, 12, 12), D(2025, 12, 26)) and m.review

    def test_perineal_rehabilitation_from_six_weeks_to_six_months(self):
        assert window(self.MS["reeducation_perineale"]) == (
            D(2025, 12, 12),
            D(2025, 12, 12),
            D(2026, 4, 30),
        )

    def test_postpartum_pertussis_cocooning_only_without_the_pregnancy_dose(self):
        """HAS 2022 (p_3084228): the mother is vaccinated before discharge when she was not
        vaccinated during the pregnancy."""
        assert window(self.MS["vaccin_coqueluche_post_partum"]) == (BIRTH, BIRTH, D(2025, 11, 7))
        vaccinated = Case(
            lmp=DDR, pregnancy_pertussis_vaccine_on=D(2025, 7, 1), children=(ChildCase(BIRTH),)
        )
        assert "vaccin_coqueluche_post_partum" not in by_code(vaccinated)


class TestBirthClosesThePregnancy:
    """Shared reference: a birth ends the pregnancy; every pregnancy-only step not done
    becomes non applicable at the birth."""

    def test_after_a_birth_at_32_weeks_no_pregnancy_step_is_open(self):
        lmp = D(2025, 1, 1)
        birth = lmp + dt.timedelta(days=32 * 7)
        ms = compute_milestones(Case(lmp=lmp, children=(ChildCase(birth),)))
        pregnancy = [m for m in ms if m.code in PREGNANCY_ONLY]
        assert pregnancy and all(m.closed for m in pregnancy)
        assert not any(m.closed for m in ms if m.code not in PREGNANCY_ONLY)

    def test_a_maternal_vaccine_given_stays_a_done_step(self):
        case = Case(lmp=DDR, maternal_rsv_vaccine_on=D(2025, 9, 20), children=(ChildCase(BIRTH),))
        assert not by_code(case)["vaccin_vrs_grossesse"].closed

    def test_an_interrupted_pregnancy_closes_its_steps(self):
        assert by_code(Case(lmp=DDR, ended_on=D(2025, 4, 1)))["declaration_grossesse"].closed


class TestRsvTerritories:
    """RSV campaign dates per territory: metropolitan from 1 September, Guyane (973) from
    1 August, Mayotte (976) from 1 October; the end set per season as data."""

    @pytest.mark.parametrize(
        "dep, start",
        [
            ("", D(2025, 9, 1)),
            ("31", D(2025, 9, 1)),
            ("973", D(2025, 8, 1)),
            ("976", D(2025, 10, 1)),
        ],
    )
    def test_infant_born_in_spring_is_immunised_at_the_start_of_its_territory_campaign(
        self, dep, start
    ):
        case = Case(lmp=D(2024, 6, 1), departement=dep, children=(ChildCase(D(2025, 3, 10)),))
        assert by_code(case)["immunisation_vrs_nourrisson"].window_start == start

    def test_born_on_15_august_in_guyane_is_immunised_at_birth(self):
        case = Case(lmp=D(2024, 11, 1), departement="973", children=(ChildCase(D(2025, 8, 15)),))
        assert by_code(case)["immunisation_vrs_nourrisson"].due == D(2025, 8, 15)


def test_every_rule_cites_a_public_web_source_and_no_internal_document():
    from millejours.pathway.calendar.rules import RULES_DIR

    for rule in get_rules().rules:
        assert rule.source.startswith("https://"), rule.code
        assert "/work/" not in rule.source and "shared" not in rule.source
    for path in RULES_DIR.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert (
            "/work/" not in text and "shared reference" not in text and "calendar.md" not in text
        ), path.name


@pytest.mark.parametrize(
    "code",
    [
        "examen_enfant_8j",
        "epnp",
        "epnp_2",
        "examen_postnatal",
        "epp",
        "declaration_grossesse",
        "visite_retour_domicile",
        "consultation_anesthesie",
        "depistage_diabete_gestationnel",
        "vaccin_grippe_grossesse",
        "vaccin_covid_grossesse",
        "vaccin_coqueluche_post_partum",
        "reeducation_perineale",
        "vaccin_coqueluche_grossesse",
        "examen_enfant_m1",
        "examen_prenatal_1",
        "echographie_t2",
        "echographie_t3",
        "vaccin_vrs_grossesse",
        "examen_enfant_2sem",
        *(f"examen_enfant_m{n}" for n in (2, 3, 4, 5, 6, 9, 12, 13)),
        "examen_enfant_m16_18",
        "examen_enfant_m24_25",
        "vaccin_pneumocoque_premature",
        "immunisation_vrs_nourrisson",
        "vaccin_bcg",
        "vaccin_meningocoque_acwy_1",
        "vaccin_meningocoque_acwy_2",
    ],
)
def test_interpretive_rules_are_flagged_for_review(code):
    """Every ⚠ rule of the reference, the 8-day exam, the EPNP weeks, the 2nd EPNP and the
    postnatal exam carry ``review: true`` (all their versions)."""
    rules = [r for r in get_rules().rules if r.code == code]
    assert rules and all(r.review for r in rules)


def test_docs_list_every_rule_with_its_source():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "calendar.md").read_text(encoding="utf-8")
    for rule in get_rules().rules:
        assert f"| `{rule.code}` | {rule.label} |" in doc and rule.source in doc, rule.code
