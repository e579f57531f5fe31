"""A partner reading a family's contact details on an orientation leaves an access-log entry."""

from django.urls import reverse

from millejours.audit.models import AccessLog
from millejours.orientations import links

from .helpers import orientation, partner_service


def test_a_partner_reading_the_orientation_in_its_inbox_is_logged(
    login, partner, sagefemme, family
):
    item = orientation(family, sagefemme, partner_service(partner))
    before = AccessLog.objects.filter(family_id_ref=family.pk).count()
    response = login(partner).get(reverse("orientations:inbox_detail", args=[item.pk]))
    assert "0612345678" in response.content.decode()  # the consented phone is shown…
    entry = (
        AccessLog.objects.filter(family_id_ref=family.pk).exclude(user=sagefemme).get()
    )  # …and logged
    assert AccessLog.objects.filter(family_id_ref=family.pk).count() == before + 1
    assert (entry.user, entry.page) == (partner, "orientations:inbox_detail")
    assert entry.actor_organisation == "Association Les Premiers Pas"


def test_a_partner_reading_through_the_signed_link_is_logged_without_the_token(
    client, sagefemme, family
):
    item = orientation(family, sagefemme, partner_service())
    token = links.make_token(item)
    response = client.get(reverse("orientations:partner_link", args=[token]))
    assert "0612345678" in response.content.decode()
    entry = AccessLog.objects.get(family_id_ref=family.pk, page="orientations:partner_link")
    assert entry.user is None
    assert entry.actor_label == "Association Les Premiers Pas (lien sécurisé)"
    assert token not in entry.path


def test_a_forged_link_reads_nothing_and_logs_nothing(client, sagefemme, family):
    item = orientation(family, sagefemme, partner_service())
    token = links.make_token(item)
    assert (
        client.get(reverse("orientations:partner_link", args=[token[:-2] + "xx"])).status_code
        == 403
    )
    assert not AccessLog.objects.filter(page="orientations:partner_link").exists()
