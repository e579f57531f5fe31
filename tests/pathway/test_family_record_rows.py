"""The family record's timeline rows (built in Python, ``pathway.rows``) and its shortcuts.

The rows say the same as the template they replace (issue 12 item 8, docs/performance.md,
third pass): every value escaped, the right actions per state, the CSRF field in the
cancel forms; the record reads the EPP step and the viewer's care-team rights from what
it has already read, with the same answer as the selectors' own queries.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from millejours.pathway import careteam, rows
from millejours.pathway.calendar import materialise
from millejours.pathway.models import Milestone, MilestoneState, Pregnancy
from millejours.pathway.selectors import epp_step

from .. import factories

CSRF = rows.csrf_input("jeton")


def _step(**fields) -> Milestone:
    values = {
        "pk": 41,
        "family_id": 9,
        "state": MilestoneState.DUE,
        "subject": "grossesse",
        "label": "Écho <1> & « T »",
        "status": "compulsory",
        "due": dt.date(2026, 5, 4),
        "window_start": dt.date(2026, 5, 4),
        "window_end": dt.date(2026, 5, 4),
    }
    return Milestone(**{**values, **fields})


def test_values_are_escaped_and_the_links_are_the_url_tag_links():
    html = rows.milestone_row(9, _step(source='https://x.fr/?a=1&b="2"'), csrf=CSRF)
    assert "<strong>Écho &lt;1&gt; &amp; « T »</strong>" in html
    assert 'href="https://x.fr/?a=1&amp;b=&quot;2&quot;"' in html
    assert f'href="{reverse("pathway:milestone_done", args=[9, 41])}"' in html
    assert f'href="{reverse("pathway:milestone_postpone", args=[9, 41])}"' in html
    assert "Le 04/05/2026" in html and "· Obligatoire" in html
    assert "autofocus" not in html and "csrfmiddlewaretoken" not in html


def test_a_done_step_says_by_whom_and_offers_to_cancel_with_the_csrf_field():
    step = _step(state=MilestoneState.DONE, done_on=dt.date(2026, 5, 6), done_by_label="Dr <Lou>")
    html = rows.milestone_row(9, step, csrf=CSRF, focus=True)
    assert "<p>Fait le 06/05/2026 par Dr &lt;Lou&gt;</p>" in html
    assert f'action="{reverse("pathway:milestone_undo", args=[9, 41])}"' in html
    assert '<input type="hidden" name="csrfmiddlewaretoken" value="jeton">' in html
    assert 'class="btn-link" autofocus>Annuler « fait »' in html


def test_a_missed_step_offers_to_reopen_it():
    html = rows.milestone_row(9, _step(state=MilestoneState.MISSED, done_note="absente"), csrf=CSRF)
    assert "<p>Non réalisé — <em>absente</em></p>" in html
    assert reverse("pathway:milestone_reopen", args=[9, 41]) in html


def test_a_step_that_does_not_apply_is_closed_except_a_pregnancy_one():
    mother = rows.milestone_row(
        9, _step(state=MilestoneState.NOT_APPLICABLE, subject="mere"), csrf=CSRF
    )
    assert "Marquer comme fait" not in mother
    pregnancy = rows.milestone_row(9, _step(state=MilestoneState.NOT_APPLICABLE), csrf=CSRF)
    assert "Marquer comme fait" in pregnancy and "Reporter" not in pregnancy


def test_a_postponed_step_says_until_when_and_why():
    step = _step(postponed_to=dt.date(2026, 6, 1), postpone_reason="hospitalisée <3>")
    html = rows.milestone_row(9, step, csrf=CSRF)
    assert '<p class="muted">Reporté au 01/06/2026 : hospitalisée &lt;3&gt;</p>' in html


@pytest.mark.django_db
def test_the_epp_step_from_the_records_milestones_is_the_selectors_one(sagefemme):
    fam = factories.family(care_team=[sagefemme], lmp=dt.date.today() - dt.timedelta(days=400))
    Pregnancy.objects.create(family=fam, lmp=dt.date.today() - dt.timedelta(days=30))
    materialise(list(fam.pregnancies.all()))
    read = list(fam.milestones.select_related("pregnancy"))
    latest = epp_step(fam)
    assert latest is not None and latest.pregnancy.lmp == max(p.lmp for p in fam.pregnancies.all())
    assert epp_step(fam, read).pk == latest.pk
    assert epp_step(fam, []) is None


@pytest.mark.django_db
def test_care_team_rights_from_the_members_read_are_the_rules_own(sagefemme, coordinator):
    fam = factories.family(care_team=[sagefemme])
    members = list(careteam.active_members(fam))
    for user in (sagefemme, coordinator):
        assert careteam.rights(user, fam, members) == careteam.rights(user, fam)
    assert careteam.rights(sagefemme, fam, members).is_member


@pytest.mark.django_db
def test_the_calendar_is_recomputed_after_a_step_it_depends_on_only(sagefemme, monkeypatch):
    from millejours.pathway import services
    from millejours.pathway.calendar.store import DONE_DATES
    from millejours.pathway.services import milestones as done_service

    fam = factories.family(care_team=[sagefemme], lmp=dt.date.today() - dt.timedelta(days=240))
    materialise(list(fam.pregnancies.all()))
    recomputed: list[list[int]] = []
    real = done_service._materialise
    monkeypatch.setattr(
        done_service, "_materialise", lambda ids: recomputed.append(ids) or real(ids)
    )
    steps = fam.milestones.exclude(state=MilestoneState.DONE)
    ordinary = steps.exclude(code__in=DONE_DATES).first()
    services.milestone_mark_done(milestone=ordinary, user=sagefemme, done_on=dt.date.today())
    assert recomputed == [] and Milestone.objects.get(pk=ordinary.pk).state == MilestoneState.DONE
    vaccine = steps.filter(code__in=DONE_DATES).first()
    services.milestone_mark_done(milestone=vaccine, user=sagefemme, done_on=dt.date.today())
    assert recomputed == [[vaccine.pregnancy_id]]
