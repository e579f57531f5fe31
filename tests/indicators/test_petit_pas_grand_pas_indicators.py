"""The « Petits pas grands pas » indicators come out of the data, per year, with a small-cell suppressed export."""

import csv
import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from millejours.indicators.definitions import load
from millejours.indicators.selectors import petit_pas_grand_pas_table, suppress
from millejours.outreach import services
from millejours.outreach.models import OutboundMessage, OutreachContact, RecontactKind
from millejours.pathway.models import Milestone, MilestoneState
from tests import factories

pytestmark = pytest.mark.django_db
YEAR = date.today().year
DAY = date(YEAR, 1, 15) if date.today() >= date(YEAR, 1, 15) else date.today()


def contact_for(first_child=True):
    fam = factories.family(first_child=first_child, lmp=DAY - timedelta(days=60))
    return OutreachContact.objects.create(
        family=fam, parent=fam.parents.get(), phone="+33612345678", first_child=first_child
    )


def sms_sent(contact, when):
    from datetime import datetime

    from django.utils import timezone

    return OutboundMessage.objects.create(
        idempotency_key=f"k{contact.pk}",
        contact=contact,
        channel="sms",
        recipient=contact.phone,
        body="x",
        status="envoye",
        not_before=timezone.now(),
        sent_at=timezone.make_aware(datetime.combine(when, datetime.min.time())),
    )


def values(code):
    row = next(r for r in petit_pas_grand_pas_table([YEAR - 1, YEAR]) if r.indicator.code == code)
    return row.values[YEAR], (row.first_child or {}).get(YEAR)


def test_recontacted_after_an_sms_counts_distinct_families_and_first_children(coordinator):
    first = contact_for(first_child=True)
    second = contact_for(first_child=False)
    silent = contact_for()
    for c in (first, second, silent):
        sms_sent(c, DAY - timedelta(days=3))
    services.recontact_record(
        family=first.family, kind=RecontactKind.REPLY, occurred_on=DAY, user=coordinator
    )
    services.recontact_record(
        family=first.family, kind=RecontactKind.CALL, occurred_on=DAY, user=coordinator
    )
    services.recontact_record(
        family=second.family, kind=RecontactKind.EPP_BOOKED, occurred_on=DAY, user=coordinator
    )
    assert values("recontactes_sms") == (2, 1)


def test_a_recontact_without_a_previous_message_is_not_counted(coordinator):
    c = contact_for()
    services.recontact_record(
        family=c.family, kind=RecontactKind.CALL, occurred_on=DAY, user=coordinator
    )
    assert values("recontactes_sms") == (0, 0)


def test_prenatal_visits_by_profession(coordinator):
    a, b = contact_for(True), contact_for(False)
    services.recontact_record(
        family=a.family, kind="visite", visit_by="sage_femme", occurred_on=DAY, user=coordinator
    )
    services.recontact_record(
        family=b.family, kind="visite", visit_by="sage_femme", occurred_on=DAY, user=coordinator
    )
    services.recontact_record(
        family=b.family, kind="visite", visit_by="puericultrice", occurred_on=DAY, user=coordinator
    )
    assert values("visites_prenatales_sage_femme") == (2, 1)
    assert values("visites_prenatales_puericultrice") == (1, 0)


def test_epp_done_are_counted_from_the_milestones():
    fam = factories.family()
    pregnancy = fam.pregnancies.get()
    for code, state in (("epp", MilestoneState.DONE), ("epnp", MilestoneState.DONE)):
        Milestone.objects.create(
            family=fam,
            pregnancy=pregnancy,
            subject="grossesse",
            code=code,
            rule_version="1",
            label=code,
            category="entretien",
            status="obligatoire",
            due=DAY,
            window_start=DAY,
            window_end=DAY,
            state=state,
            done_on=DAY,
        )
    assert values("epp_realises")[0] == 1


def test_definitions_are_versioned_data_with_sources():
    definitions = load("petit_pas_grand_pas")
    assert definitions.version and definitions.source
    assert all(ind.source and ind.version for ind in definitions.indicators)
    assert [i.code for i in definitions.indicators] == [
        "recontactes_sms",
        "visites_prenatales_sage_femme",
        "visites_prenatales_puericultrice",
        "epp_realises",
        "orientations_prenatal",
    ]


def test_small_cells_are_suppressed_for_funders_only():
    assert suppress(3, funders=True) == "< 5"
    assert suppress(5, funders=True) == 5
    assert suppress(3, funders=False) == 3


def test_the_dashboard_shows_chart_and_table(login, coordinator):
    response = login(coordinator).get("/indicateurs/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<svg role="img"' in html and "<caption>" in html
    assert "Futurs parents recontactés" in html


def test_professionals_and_parents_cannot_see_the_dashboard(login, sagefemme):
    assert login(sagefemme).get("/indicateurs/").status_code == 403


def test_the_funders_xlsx_export_hides_small_cells(login, coordinator):
    c = contact_for()
    services.recontact_record(
        family=c.family, kind="visite", visit_by="sage_femme", occurred_on=DAY, user=coordinator
    )
    response = login(coordinator).get(f"/indicateurs/export.xlsx?annee={YEAR}&financeurs=1")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    visit_row = next(
        r for r in rows if r[0] == "Visites prénatales effectuées par les sages-femmes"
    )
    assert visit_row[3] == "< 5"


def test_the_csv_export_shows_exact_values(login, coordinator):
    c = contact_for()
    services.recontact_record(
        family=c.family, kind="visite", visit_by="sage_femme", occurred_on=DAY, user=coordinator
    )
    response = login(coordinator).get(f"/indicateurs/export.csv?annee={YEAR}")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Indicateur", str(YEAR - 2), str(YEAR - 1), str(YEAR)]
    visit_row = next(
        r for r in rows if r[0] == "Visites prénatales effectuées par les sages-femmes"
    )
    assert visit_row[3] == "1"
