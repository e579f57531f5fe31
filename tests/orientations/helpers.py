from millejours.orientations.models import SharedContact
from millejours.orientations.services import orientation_create
from tests.directory import helpers as directory_helpers


def partner_service(partner_user=None, **extra):
    organisation = (
        partner_user.memberships.first().organisation if partner_user is not None else None
    )
    structure = directory_helpers.structure(
        name="Association Les Premiers Pas", typologie="association", organisation=organisation
    )
    return directory_helpers.service(
        "Groupe de parole jeunes parents",
        structure_obj=structure,
        email="accueil@premiers-pas.test",
        **extra,
    )


def orientation(family, by, service, *, send=True, shared_contact=SharedContact.PHONE):
    return orientation_create(
        family=family,
        service=service,
        by=by,
        reason="Isolement après la naissance, souhaite rencontrer d'autres parents.",
        consent_given=True,
        shared_contact=shared_contact,
        send=send,
    )
