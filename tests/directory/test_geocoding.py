"""Offline geocoding from the communes; the national address API is optional and never called here."""

from unittest import mock

from millejours.directory.geocoding import BanGeocoder, OfflineCommuneGeocoder, get_geocoder
from tests import factories


def test_offline_geocoder_by_code_postcode_and_name(db):
    castanet = factories.commune()
    factories.commune("31169", "Escalquens", 43.5190, 1.5590, postcodes=["31750"])
    geocoder = OfflineCommuneGeocoder()
    assert geocoder.geocode("31113").label == "Castanet-Tolosan"
    assert geocoder.geocode("31750").label == "Escalquens"
    assert geocoder.geocode("castanet-tolosan").insee_code == castanet.insee_code
    assert geocoder.geocode("12 rue du Lauragais, 31750 Escalquens").label == "Escalquens"
    assert geocoder.geocode("Atlantide") is None


def test_the_default_geocoder_is_offline(settings):
    settings.MILLEJOURS_GEOCODER = "offline"
    assert isinstance(get_geocoder(), OfflineCommuneGeocoder)
    settings.MILLEJOURS_GEOCODER = "ban"
    assert isinstance(get_geocoder(), BanGeocoder)


def test_the_national_geocoder_falls_back_to_the_communes_when_unreachable(db):
    factories.commune()
    geocoder = BanGeocoder("http://127.0.0.1:9/search/")
    with mock.patch("urllib.request.urlopen", side_effect=OSError("réseau coupé")) as urlopen:
        place = geocoder.geocode("31320 Castanet-Tolosan")
    assert urlopen.called
    assert place.label == "Castanet-Tolosan"
