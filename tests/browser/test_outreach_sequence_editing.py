"""In a real browser: the coordinator edits a sequence message and sees the SMS length live."""

import pytest

from millejours.outreach.models import SequenceStep
from millejours.outreach.services import default_sequence_create


@pytest.mark.browser
def test_the_coordinator_edits_a_message_and_sees_its_length(
    transactional_db, page, browser_login, coordinator
):
    sequence = default_sequence_create()
    step = sequence.steps.get(stage="mois_4")
    browser_login(coordinator)
    page.goto("/aller-vers/")
    page.get_by_role("link", name=sequence.name).click()
    page.get_by_role("group", name="Jours d'envoi").get_by_label("samedi").uncheck()
    page.get_by_label("Envoi jusqu'à").fill("18:30")
    page.get_by_role("button", name="Enregistrer la séquence").click()
    page.get_by_text("Séquence enregistrée.").wait_for()
    sequence.refresh_from_db()
    assert sequence.weekdays == [0, 1, 2, 3, 4] and sequence.send_until.hour == 18
    page.get_by_role("link", name="4e mois de grossesse").click()
    body = page.get_by_label("Message")
    body.fill("Bonjour {prenom}, EPP ? {lien_desinscription}")
    length = page.get_by_test_id("sms-length")
    length.filter(has_text="(GSM-7) : 1 SMS").wait_for()
    body.fill("Bonjour {prenom}, c'est bientôt le 4e mois : pensez à l'EPP. {lien_desinscription}")
    length.filter(has_text="(UCS-2)").wait_for()
    page.get_by_role("button", name="Enregistrer le message").click()
    page.get_by_text("Message enregistré.").wait_for()
    step.refresh_from_db()
    assert "bientôt le 4e mois" in step.body
    assert SequenceStep.objects.filter(sequence=sequence).count() == 6
