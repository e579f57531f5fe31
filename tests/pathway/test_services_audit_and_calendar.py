"""Every pathway service writes the audit trail and recomputes the calendar when dates move."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from millejours.audit.models import AuditEvent
from millejours.pathway import calendar, services
from millejours.pathway.models import CareTeamMember, Milestone, MilestoneState, PregnancyOutcome
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def engine_calls(monkeypatch):
    """Record the pregnancies passed to the calendar engine (which still runs)."""
    calls = []
    real = calendar.materialise

    def spy(pregnancies, **kwargs):
        calls.append([p if isinstance(p, int) else p.pk for p in pregnancies])
        return real(pregnancies, **kwargs)

    monkeypatch.setattr(calendar, "materialise", spy)
    return calls


def _today():
    return timezone.localdate()


def test_family_create_puts_the_creator_in_the_care_team_and_audits(
    sagefemme, commune, engine_calls
):
    family = services.family_create(
        created_by=sagefemme,
        display_name="Foyer Lune",
        commune=commune,
        parents=[{"first_name": "Awa", "last_name": "Lune", "phone": "+33612345678"}],
        pregnancy={"lmp": _today() - timedelta(days=50), "first_child": True},
    )
    assert CareTeamMember.objects.filter(family=family, user=sagefemme).exists()
    assert set(
        AuditEvent.objects.filter(family_id_ref=family.pk).values_list("action", flat=True)
    ) == {"family.created", "pregnancy.recorded"}
    assert engine_calls == [[family.pregnancies.get().pk]]
    assert Milestone.objects.filter(family=family).exists()


def test_pregnancy_update_recomputes_and_records_the_change(family, sagefemme, engine_calls):
    pregnancy = family.pregnancies.get()
    old = pregnancy.lmp
    services.pregnancy_update(pregnancy=pregnancy, user=sagefemme, lmp=old - timedelta(days=7))
    event = AuditEvent.objects.get(action="pregnancy.updated")
    assert event.details == {"lmp": [old.isoformat(), (old - timedelta(days=7)).isoformat()]}
    assert engine_calls == [[pregnancy.pk]]


def test_pregnancy_update_refuses_unknown_fields(family, sagefemme):
    with pytest.raises(TypeError):
        services.pregnancy_update(pregnancy=family.pregnancies.get(), user=sagefemme, family_id=3)


def test_child_record_ends_the_pregnancy_and_gives_the_child_a_calendar(
    family, sagefemme, engine_calls
):
    pregnancy = family.pregnancies.get()
    pregnancy.lmp = _today() - timedelta(weeks=40)
    pregnancy.save()
    child = services.child_record(
        pregnancy=pregnancy,
        user=sagefemme,
        birth_date=_today() - timedelta(days=3),
        gestational_age_weeks=39,
    )
    pregnancy.refresh_from_db()
    assert pregnancy.outcome == PregnancyOutcome.BIRTH
    assert Milestone.objects.filter(child=child).exists()
    assert AuditEvent.objects.filter(action="birth.recorded").exists()
    assert engine_calls == [[pregnancy.pk]]


def test_postpartum_risk_makes_epnp_2_apply(sagefemme, commune):
    family = factories.family(
        first_child=False, care_team=[sagefemme], lmp=_today() - timedelta(weeks=41)
    )
    pregnancy = family.pregnancies.get()
    services.child_record(
        pregnancy=pregnancy,
        user=sagefemme,
        birth_date=_today() - timedelta(days=2),
        gestational_age_weeks=40,
    )
    assert (
        not Milestone.objects.filter(pregnancy=pregnancy, code="epnp_2")
        .exclude(state=MilestoneState.NOT_APPLICABLE)
        .exists()
    )
    services.pregnancy_flag_postpartum_risk(pregnancy=pregnancy, user=sagefemme, reason="EPDS à 14")
    pregnancy.refresh_from_db()
    assert pregnancy.epnp_2_risk
    assert (
        Milestone.objects.filter(pregnancy=pregnancy, code="epnp_2")
        .exclude(state=MilestoneState.NOT_APPLICABLE)
        .exists()
    )
    assert AuditEvent.objects.get(action="pregnancy.postpartum_risk").details == {
        "reason": "EPDS à 14"
    }


def test_mark_done_keeps_the_done_data_through_recomputation(family, sagefemme):
    services.pregnancy_update(pregnancy=family.pregnancies.get(), user=sagefemme, first_child=True)
    m = Milestone.objects.filter(family=family, state=MilestoneState.DUE).first()
    services.milestone_mark_done(milestone=m, user=sagefemme, done_on=_today(), note="ok")
    services.pregnancy_update(
        pregnancy=family.pregnancies.get(), user=sagefemme, declared_on=_today()
    )
    m.refresh_from_db()
    assert (m.state, m.done_on, m.done_note) == (MilestoneState.DONE, _today(), "ok")


def test_mark_done_refuses_a_future_date(family, sagefemme):
    services.pregnancy_update(pregnancy=family.pregnancies.get(), user=sagefemme, first_child=True)
    m = Milestone.objects.filter(family=family).first()
    with pytest.raises(ValidationError):
        services.milestone_mark_done(
            milestone=m, user=sagefemme, done_on=_today() + timedelta(days=1)
        )
    assert not AuditEvent.objects.filter(action="milestone.done").exists()
