"""Who may move an orientation, renew its link or create one is decided by the write services.

The pages check it too (404/403 before the service is reached); these tests call the
services directly, as a second page, an htmx endpoint or a command would, as the wrong
person: ``PermissionDenied``, nothing written, no audit event.
"""

from contextlib import contextmanager

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from millejours.accounts.models import OrganisationKind, Role
from millejours.audit.models import AuditEvent
from millejours.directory.models import Status
from millejours.orientations import links, services
from millejours.orientations.models import Orientation, OrientationEvent, State
from millejours.orientations.services import (
    orientation_create,
    orientation_renew_link,
    orientation_transition,
)
from tests import factories

from .helpers import orientation, partner_service


@contextmanager
def nothing_written():
    counts = (
        Orientation.objects.count(),
        OrientationEvent.objects.count(),
        AuditEvent.objects.count(),
    )
    yield
    assert (
        Orientation.objects.count(),
        OrientationEvent.objects.count(),
        AuditEvent.objects.count(),
    ) == counts


def _other_partner():
    return factories.user(
        Role.PARTNER,
        organisation_obj=factories.organisation("Autre association", OrganisationKind.ASSOCIATION),
    )


@pytest.mark.parametrize("to_state", [State.RECEIVED, State.ACCEPTED, State.REFUSED])
def test_only_the_partner_answers_even_when_the_service_is_called_directly(
    family, sagefemme, outsider, parent, coordinator, partner, to_state
):
    item = orientation(family, sagefemme, partner_service(partner))
    for wrong in (sagefemme, outsider, parent, coordinator, _other_partner()):
        with nothing_written(), pytest.raises(PermissionDenied):
            orientation_transition(orientation=item, to_state=to_state, by=wrong, reason="motif")
        item.refresh_from_db()
        assert item.state == State.SENT


def test_a_partner_does_not_answer_for_a_service_of_another_organisation(
    family, sagefemme, partner
):
    item = orientation(family, sagefemme, partner_service())  # no organisation: link only
    with nothing_written(), pytest.raises(PermissionDenied):
        orientation_transition(orientation=item, to_state=State.ACCEPTED, by=partner)


@pytest.mark.parametrize("to_state", [State.DONE, State.DROPPED])
def test_only_a_professional_of_the_family_closes_an_orientation(
    family, sagefemme, outsider, parent, partner, to_state
):
    item = orientation(family, sagefemme, partner_service(partner))
    orientation_transition(orientation=item, to_state=State.ACCEPTED, by=partner)
    wrong_people = [outsider, parent] + ([partner] if to_state == State.DROPPED else [])
    for wrong in wrong_people:
        with nothing_written(), pytest.raises(PermissionDenied):
            orientation_transition(orientation=item, to_state=to_state, by=wrong)
    orientation_transition(orientation=item, to_state=to_state, by=sagefemme)
    assert item.state == to_state


def test_only_a_professional_of_the_family_sends_a_draft(family, sagefemme, outsider, partner):
    item = orientation(family, sagefemme, partner_service(partner), send=False)
    for wrong in (outsider, partner):
        with nothing_written(), pytest.raises(PermissionDenied):
            orientation_transition(orientation=item, to_state=State.SENT, by=wrong)
    item.refresh_from_db()
    assert item.state == State.DRAFT


def test_only_a_professional_of_the_family_renews_the_link(
    family, sagefemme, outsider, parent, partner
):
    item = orientation(family, sagefemme, partner_service(partner))
    token = links.make_token(item)
    for wrong in (outsider, parent, partner, "n'importe qui", None):
        with nothing_written(), pytest.raises(PermissionDenied):
            orientation_renew_link(orientation=item, by=wrong)
    assert links.read_token(token) == item  # the partner's link still works
    assert orientation_renew_link(orientation=item, by=sagefemme) != token


def test_only_a_professional_who_may_open_the_family_creates_an_orientation(
    family, outsider, parent, partner, coordinator
):
    service = partner_service(partner)
    for wrong in (outsider, parent, partner, coordinator):
        for send in (False, True):
            with nothing_written(), pytest.raises(PermissionDenied):
                orientation_create(
                    family=family,
                    service=service,
                    by=wrong,
                    reason="Isolement",
                    consent_given=True,
                    send=send,
                )


def test_a_label_is_no_longer_a_way_to_answer(family, sagefemme, partner):
    item = orientation(family, sagefemme, partner_service(partner))
    for label in ("Association Les Premiers Pas (lien sécurisé)", None):
        with nothing_written(), pytest.raises(PermissionDenied):
            orientation_transition(orientation=item, to_state=State.ACCEPTED, by=label)


def test_the_signed_link_answers_for_the_partner_and_nothing_else(family, sagefemme):
    item = orientation(family, sagefemme, partner_service())
    token = links.make_token(item)
    with nothing_written(), pytest.raises(PermissionDenied):
        services.orientation_answer_by_link(token=token, to_state=State.DROPPED)
    with nothing_written(), pytest.raises(PermissionDenied):
        services.orientation_answer_by_link(token=token[:-2] + "xx", to_state=State.ACCEPTED)
    services.orientation_answer_by_link(token=token, to_state=State.ACCEPTED)
    item.refresh_from_db()
    assert item.state == State.ACCEPTED
    assert item.events.last().by_label == "Association Les Premiers Pas (lien sécurisé)"


def test_a_renewed_link_replaces_the_old_one_in_the_service_too(family, sagefemme):
    item = orientation(family, sagefemme, partner_service())
    old = links.make_token(item)
    orientation_renew_link(orientation=item, by=sagefemme)
    with nothing_written(), pytest.raises(PermissionDenied):
        services.orientation_answer_by_link(token=old, to_state=State.ACCEPTED)


def test_the_people_allowed_today_keep_their_moves(family, sagefemme, outsider, partner):
    # A professional reading the family through break-the-glass orients it, as on the page.
    from millejours.audit.services import break_glass_open

    break_glass_open(user=outsider, family=family, reason="Urgence obstétricale de nuit")
    item = orientation(family, outsider, partner_service(partner), send=True)
    assert orientation_renew_link(orientation=item, by=outsider)
    # The partner marks it received, accepts and closes it; the midwife of the team drops
    # another one; the signed link marks a third one received.
    for step in (State.RECEIVED, State.ACCEPTED, State.DONE):
        orientation_transition(orientation=item, to_state=step, by=partner)
    other = orientation(family, sagefemme, partner_service(partner))
    orientation_transition(orientation=other, to_state=State.DROPPED, by=sagefemme)
    third = orientation(family, sagefemme, partner_service())
    services.orientation_answer_by_link(token=links.make_token(third), to_state=State.RECEIVED)
    states = [o.state for o in Orientation.objects.order_by("pk")]
    assert states == [State.DONE, State.DROPPED, State.RECEIVED]


@pytest.mark.parametrize("status", [Status.DRAFT, Status.ARCHIVED])
def test_a_family_is_oriented_only_to_a_published_service(family, sagefemme, partner, status):
    """The form offers published services only; a direct call meets the same rule."""
    service = partner_service(partner, status=status)
    with nothing_written(), pytest.raises(ValidationError, match="n'est pas publiée"):
        orientation(family, sagefemme, service)
