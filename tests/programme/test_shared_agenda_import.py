import pytest

from millejours.programme.models import Event
from millejours.programme.services.agenda_import import agenda_import_csv, agenda_import_ical

pytestmark = pytest.mark.django_db

ICS = b"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Centre social//FR
BEGIN:VEVENT
UID:atelier-42@centre-social.example
DTSTART:20300310T140000Z
DTEND:20300310T160000Z
SUMMARY:Atelier diversification alimentaire
LOCATION:Salle polyvalente, Castanet-Tolosan
END:VEVENT
END:VCALENDAR
"""


def test_an_ical_feed_adds_other_actors_actions_once(coordinator, commune):
    result = agenda_import_ical(
        content=ICS, actor=coordinator, theme="nutrition_oralite", organiser="Centre social"
    )
    assert (result.created, result.updated, result.errors) == (1, 0, [])
    again = agenda_import_ical(
        content=ICS, actor=coordinator, theme="nutrition_oralite", organiser="Centre social"
    )
    assert (again.created, again.updated) == (0, 1)
    event = Event.objects.get()
    assert event.is_external and event.organiser == "Centre social"
    assert event.sessions.get().commune == commune


def test_an_invalid_ical_file_is_reported_in_french(coordinator):
    result = agenda_import_ical(content=b"n'importe quoi", actor=coordinator)
    assert result.errors == ["Le fichier n'est pas un calendrier iCalendar valide."]


def test_a_csv_feed_is_imported_and_bad_lines_are_reported(coordinator, commune):
    content = (
        "titre;organisateur;theme;debut;fin;commune;lieu\n"
        "Stand vaccination;CCAS;vaccination;2030-04-02 10:00;2030-04-02 12:00;31113;Marché\n"
        "Sans date;CCAS;vaccination;demain;;;\n"
        "Thème inconnu;CCAS;astrologie;2030-04-02 10:00;;;\n"
    )
    result = agenda_import_csv(content=content, actor=coordinator)
    assert result.created == 1
    assert result.errors == [
        "Ligne 3 : date invalide (format AAAA-MM-JJ HH:MM).",
        "Ligne 4 : thème inconnu « astrologie ».",
    ]
    assert Event.objects.get().sessions.get().commune == commune


def test_the_agenda_page_accepts_an_action_entered_by_hand(coordinator, login, commune):
    client = login(coordinator)
    response = client.post(
        "/programme/agenda/",
        {
            "which": "external",
            "ext-title": "Forum petite enfance",
            "ext-organiser": "Mairie",
            "ext-kind": "forum",
            "ext-theme": "parentalite",
            "ext-starts_at": "2030-05-01T09:00",
            "ext-commune": commune.pk,
        },
    )
    assert response.status_code == 302
    assert Event.objects.get(is_external=True).title == "Forum petite enfance"
