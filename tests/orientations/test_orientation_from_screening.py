"""An orientation made from a confirmed screening flag keeps its origin; the panel proposes it."""

from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from millejours.orientations.models import Orientation, Origin
from millejours.screening import questionnaires
from millejours.screening.models import FlagStatus, Respondent, Response, VulnerabilityFlag

from .helpers import partner_service


def _flag(family, sagefemme):
    epp = questionnaires.epp()
    response = Response.objects.create(
        questionnaire="epp",
        version=epp.version,
        family=family,
        respondent=Respondent.PROFESSIONAL,
        filled_by=sagefemme,
    )
    domain = epp.domains[0].code
    return VulnerabilityFlag.objects.create(
        family=family,
        response=response,
        domain=domain,
        status=FlagStatus.CONFIRMED,
        consent_share=True,
    )


def _panel(user, family):
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load orientations_panels %}{% orientations_family_panel family %}")
    return template.render(Context({"request": request, "family": family}))


def test_a_confirmed_flag_is_proposed_then_followed_by_an_orientation(
    login, sagefemme, family, partner
):
    flag = _flag(family, sagefemme)
    service = partner_service(partner)
    assert f"?reperage={flag.pk}" in _panel(sagefemme, family)
    client = login(sagefemme)
    url = reverse("orientations:create", args=[family.pk]) + f"?reperage={flag.pk}"
    page = client.get(url)
    assert "Repérage" in page.content.decode()
    client.post(
        url,
        {
            "service": service.pk,
            "origin": "reperage",
            "reason": "Isolement repéré à l'EPP",
            "shared_contact": "telephone",
            "consent": "on",
            "reperage": flag.pk,
            "envoyer": "1",
        },
    )
    orientation = Orientation.objects.get()
    assert (orientation.origin, orientation.origin_ref) == (Origin.SCREENING, f"reperage:{flag.pk}")
    assert f"?reperage={flag.pk}" not in _panel(sagefemme, family)


def test_a_flag_of_another_family_is_ignored(login, sagefemme, family):
    from tests import factories

    other = factories.family(care_team=[sagefemme])
    flag = _flag(other, sagefemme)
    page = login(sagefemme).get(
        reverse("orientations:create", args=[family.pk]) + f"?reperage={flag.pk}"
    )
    assert page.context["origin"] == Origin.FREE
