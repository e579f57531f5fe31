import pytest

from millejours.accounts.models import Profession, Role
from tests import factories


@pytest.fixture
def medical_referent(db):
    return factories.user(
        Role.PROFESSIONAL,
        email="referent.medical@test.millejours.fr",
        profession=Profession.MEDECIN_GENERALISTE,
        is_medical_referent=True,
        first_name="Martine",
        last_name="Médecin",
    )
