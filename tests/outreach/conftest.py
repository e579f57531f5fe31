from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine

from millejours.outreach.models import OutreachContact, Sequence, SequenceStep, Stage
from tests import factories

from .fake_operator import FakeOperator

PARIS = ZoneInfo("Europe/Paris")
# A Tuesday, 10:00 in Paris: inside the default sending hours.
TUESDAY_10H = datetime(2026, 3, 3, 10, 0, tzinfo=PARIS)


@pytest.fixture
def tuesday_morning():
    with time_machine.travel(TUESDAY_10H, tick=True) as traveller:
        yield traveller


@pytest.fixture
def operator(settings):
    with FakeOperator() as fake:
        settings.OUTREACH_SMS_BACKEND = "millejours.outreach.backends.HttpSmsBackend"
        settings.OUTREACH_SMS_URL = fake.url
        settings.OUTREACH_SMS_STATUS_URL = fake.url.replace("/sms", "/status")
        settings.OUTREACH_SMS_TOKEN = "jeton-de-test"
        settings.OUTREACH_SMS_TIMEOUT = 0.5
        settings.OUTREACH_RETRY_BASE_SECONDS = 60
        yield fake


@pytest.fixture
def sequence(db):
    seq = Sequence.objects.create(
        name="Séquence de test",
        send_from=time(9, 0),
        send_until=time(19, 0),
        weekdays=[0, 1, 2, 3, 4],
    )
    SequenceStep.objects.create(
        sequence=seq,
        stage=Stage.DECLARATION,
        body="Bonjour {prenom}, bienvenue. STOP : {lien_desinscription}",
    )
    return seq


def make_contact(**family_kwargs) -> OutreachContact:
    fam = factories.family(**family_kwargs)
    parent = fam.parents.get()
    return OutreachContact.objects.create(
        family=fam, parent=parent, phone="+33612345678", email=parent.email, first_child=True
    )


@pytest.fixture
def contact(db, tuesday_morning):
    return make_contact()
