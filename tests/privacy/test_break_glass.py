"""Break the glass: reason required, limited in time, flagged, DPO told, shown to the family."""

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from millejours.audit.models import AccessLog, BreakGlassAccess
from millejours.pathway.selectors import get_family_for_user, visible_families

pytestmark = pytest.mark.django_db

FORM = {
    "reason": "Patiente admise aux urgences de la maternité, dossier nécessaire.",
    "confirm": "on",
}


def open_access(client, family):
    return client.post(reverse("privacy:breakglass_request", args=[family.pk]), FORM)


def test_outsider_opens_the_record_with_a_reason(
    login, outsider, family, admin_user, django_capture_on_commit_callbacks
):
    client = login(outsider)
    with django_capture_on_commit_callbacks(execute=True):
        response = open_access(client, family)
    assert response.status_code == 302
    assert list(visible_families(outsider)) == [family]
    get_family_for_user(outsider, family.pk, page="pathway:family_detail")
    assert AccessLog.objects.get().break_glass is True
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [admin_user.email]
    assert family.display_name not in message.body and "Camille" not in message.body
    assert BreakGlassAccess.objects.get().notified_at is not None


def test_reason_is_required(login, outsider, family):
    response = login(outsider).post(
        reverse("privacy:breakglass_request", args=[family.pk]), {"confirm": "on"}
    )
    assert response.status_code == 200
    assert "motif est obligatoire" in response.content.decode()
    assert not BreakGlassAccess.objects.exists()


def test_access_ends_after_the_configured_duration(login, outsider, family, settings):
    settings.MILLEJOURS_BREAK_GLASS_HOURS = 4
    open_access(login(outsider), family)
    with time_machine.travel(timezone.now() + timezone.timedelta(hours=4, minutes=1)):
        assert not visible_families(outsider).exists()


def test_team_member_reads_are_not_flagged(family, sagefemme):
    get_family_for_user(sagefemme, family.pk, page="pathway:family_detail")
    assert AccessLog.objects.get().break_glass is False


@pytest.mark.parametrize("persona", ["parent", "coordinator", "partner"])
def test_only_professionals_may_break_the_glass(login, family, persona, request):
    client = login(request.getfixturevalue(persona))
    assert open_access(client, family).status_code == 403
    assert not BreakGlassAccess.objects.exists()


def test_request_form_does_not_reveal_whether_a_file_exists(login, outsider):
    client = login(outsider)
    assert client.get(reverse("privacy:breakglass_request", args=[987654])).status_code == 200
    assert (
        client.post(reverse("privacy:breakglass_request", args=[987654]), FORM).status_code == 404
    )


def test_family_and_dpo_see_the_access(login, outsider, family, parent, admin_user):
    open_access(login(outsider), family)
    get_family_for_user(outsider, family.pk, page="pathway:family_detail")
    from django.test import Client

    parent_client = Client()
    parent_client.force_login(parent)
    history = parent_client.get(reverse("privacy:my_access_history")).content.decode()
    assert (
        "Olivia Dehors" in history
        and "bris de glace" in history
        and "urgences de la maternité" in history
    )
    dpo = login(admin_user).get(reverse("privacy:breakglass_list")).content.decode()
    assert "urgences de la maternité" in dpo
