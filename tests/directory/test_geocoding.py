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


def _answer(score, label="12 Rue du Lauragais 31320 Castanet-Tolosan", coords=(1.4981, 43.5162)):
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": list(coords)},
                "properties": {
                    "label": label,
                    "score": score,
                    "citycode": "31113",
                    "type": "housenumber",
                },
            }
        ],
    }


def test_the_national_geocoder_asks_the_geoplateforme_endpoint(settings):
    settings.MILLEJOURS_GEOCODER = "geoplateforme"
    geocoder = get_geocoder()
    assert geocoder.url == "https://data.geopf.fr/geocodage/search"
    asked = []

    def transport(url, timeout):
        asked.append(url)
        return _answer(0.93)

    geocoder.transport = transport
    place = geocoder.geocode("12 rue du Lauragais, Castanet-Tolosan")
    assert asked[0].startswith("https://data.geopf.fr/geocodage/search?q=12+rue+du+Lauragais")
    assert "limit=1" in asked[0]
    assert (place.latitude, place.longitude, place.insee_code) == (43.5162, 1.4981, "31113")


def test_a_low_score_answer_is_rejected_and_the_communes_answer(db, settings):
    factories.commune()
    geocoder = BanGeocoder(
        "https://geo.invalid/search",
        min_score=0.6,
        transport=lambda url, timeout: _answer(
            0.41, label="Rue de Castanet 09000 Foix", coords=(1.6, 42.96)
        ),
    )
    assert geocoder.lookup("Castanet-Tolosan") is None
    place = geocoder.geocode("Castanet-Tolosan")
    assert place.label == "Castanet-Tolosan"  # the town hall, not the far-away low-score street


def test_the_score_threshold_is_a_setting(settings):
    settings.MILLEJOURS_GEOCODER = "geoplateforme"
    settings.MILLEJOURS_GEOCODER_MIN_SCORE = 0.9
    geocoder = get_geocoder()
    geocoder.transport = lambda url, timeout: _answer(0.85)
    assert geocoder.lookup("12 rue du Lauragais") is None
    geocoder.min_score = 0.8
    assert geocoder.lookup("12 rue du Lauragais").label.startswith("12 Rue du Lauragais")
