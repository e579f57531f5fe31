"""The search: radius, filters, "open now", and order against a brute-force great-circle distance."""

import math
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from millejours.directory.models import Service, Status
from millejours.directory.selectors import SearchError, parse_near, search_services

from . import helpers

PARIS = ZoneInfo("Europe/Paris")


def brute_force_km(lat1, lon1, lat2, lon2):
    """An independent great-circle distance (spherical law of cosines)."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    cos_angle = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 6371.0088 * math.acos(max(-1.0, min(1.0, cos_angle)))


points = st.tuples(
    st.floats(min_value=43.0, max_value=44.0), st.floats(min_value=0.9, max_value=2.1)
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    centre=points,
    places=st.lists(points, min_size=1, max_size=25),
    radius=st.sampled_from([5.0, 20.0, 60.0]),
)
def test_results_are_exactly_those_within_the_radius_nearest_first(db, centre, places, radius):
    Service.objects.all().delete()
    structure = helpers.structure()
    for lat, lon in places:
        helpers.service(lat=lat, lon=lon, structure_obj=structure)
    hits = search_services(latitude=centre[0], longitude=centre[1], radius_km=radius)
    distances = [hit.distance_km for hit in hits]
    assert distances == sorted(distances)
    expected = sorted(
        brute_force_km(*centre, s.latitude, s.longitude) for s in Service.objects.all()
    )
    # Points within 1 m of the circle may fall on either side: compare away from the edge.
    inside = [d for d in expected if d <= radius - 0.001]
    assert len(hits) >= len(inside)
    assert len(hits) <= len([d for d in expected if d <= radius + 0.001])
    for hit in hits:
        assert hit.distance_km == pytest.approx(
            brute_force_km(*centre, hit.service.latitude, hit.service.longitude), abs=0.002
        )


def test_filters_theme_type_public_and_status(db):
    pmi = helpers.structure(typologie="pmi")
    laep = helpers.structure(name="LAEP", typologie="laep")
    helpers.service(
        "Allaitement PMI",
        structure_obj=pmi,
        themes=["perinatalite--allaitement"],
        publics=["familles"],
    )
    helpers.service(
        "Sommeil LAEP", structure_obj=laep, themes=["perinatalite--sommeil"], publics=["femmes"]
    )
    helpers.service("Brouillon", structure_obj=pmi, status=Status.DRAFT)
    helpers.service("Archivé", structure_obj=pmi, status=Status.ARCHIVED)
    centre = {"latitude": 43.5156, "longitude": 1.4981}
    names = lambda hits: sorted(h.service.name for h in hits)  # noqa: E731
    assert names(search_services(**centre)) == ["Allaitement PMI", "Sommeil LAEP"]
    assert names(search_services(**centre, theme="perinatalite--sommeil")) == ["Sommeil LAEP"]
    assert names(search_services(**centre, typologie="pmi")) == ["Allaitement PMI"]
    assert names(search_services(**centre, public="femmes")) == ["Sommeil LAEP"]
    assert names(search_services(**centre, published_only=False)) == [
        "Allaitement PMI",
        "Brouillon",
        "Sommeil LAEP",
    ]


def test_a_theme_code_does_not_match_a_longer_code(db):
    helpers.service("Santé mentale", themes=["sante--sante-mentale"])
    assert search_services(latitude=43.5156, longitude=1.4981, theme="sante--sante") == []


def test_open_now(db):
    helpers.service("Matin", opening_hours="Mo-Fr 09:00-12:00")
    helpers.service("Après-midi", opening_hours="Mo-Fr 14:00-17:00")
    helpers.service("Sans horaires")
    monday_morning = datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)
    hits = search_services(latitude=43.5156, longitude=1.4981, open_now=True, at=monday_morning)
    assert [h.service.name for h in hits] == ["Matin"]


def test_open_now_reads_real_values_and_skips_unreadable_ones(db):
    helpers.service("Sur rendez-vous le matin", opening_hours='Mo-Fr 9:00-12:00 "sur rendez-vous"')
    helpers.service("Premier et troisième lundis", opening_hours="Mo[1,3] 09:00-12:00")
    helpers.service("Été seulement", opening_hours="Jul-Aug Mo-Fr 09:00-12:00")
    helpers.service("Texte libre", opening_hours="le lundi matin")
    helpers.service("Rendez-vous seulement", opening_hours='"sur rendez-vous"')
    helpers.service(
        "Horaires de la structure",
        structure_obj=helpers.structure("Maison des familles", opening_hours="Mo 08:00-18:00"),
    )
    monday_morning = datetime(2026, 11, 16, 10, 0, tzinfo=PARIS)  # the 3rd Monday
    hits = search_services(latitude=43.5156, longitude=1.4981, open_now=True, at=monday_morning)
    assert sorted(h.service.name for h in hits) == [
        "Horaires de la structure",
        "Premier et troisième lundis",
        "Sur rendez-vous le matin",
    ]


def test_open_now_overseas_is_read_on_local_time(db):
    pointe_a_pitre = (16.2411, -61.5331)
    helpers.service(
        "PMI de Pointe-à-Pitre",
        lat=pointe_a_pitre[0],
        lon=pointe_a_pitre[1],
        opening_hours="Mo-Fr 08:00-12:00",
    )
    paris_14h = datetime(2026, 11, 23, 14, 0, tzinfo=PARIS)  # 09:00 in Guadeloupe
    hits = search_services(
        latitude=pointe_a_pitre[0], longitude=pointe_a_pitre[1], open_now=True, at=paris_14h
    )
    assert [h.service.name for h in hits] == ["PMI de Pointe-à-Pitre"]
    paris_9h = datetime(2026, 11, 23, 9, 0, tzinfo=PARIS)  # 04:00 in Guadeloupe
    assert (
        search_services(
            latitude=pointe_a_pitre[0], longitude=pointe_a_pitre[1], open_now=True, at=paris_9h
        )
        == []
    )


def test_near_accepts_an_insee_code_or_coordinates(commune):
    assert parse_near("31113").label == "Castanet-Tolosan"
    assert parse_near("43.6,1.44").latitude == 43.6
    for bad in ["99999", "abc,1", "91,1", "1,2,3", ""]:
        with pytest.raises(SearchError):
            parse_near(bad)


def test_a_search_loads_its_results_in_a_fixed_number_of_queries(db, django_assert_max_num_queries):
    for i in range(30):
        helpers.service(f"Service {i}", lat=43.5 + i / 1000, lon=1.49)
    with django_assert_max_num_queries(2):
        hits = search_services(latitude=43.5156, longitude=1.4981, radius_km=20)
        assert [h.service.structure.name for h in hits]
