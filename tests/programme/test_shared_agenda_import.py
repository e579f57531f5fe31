import io

import pytest
from django.core.management import call_command

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


CSV_HEADER = "titre;organisateur;theme;debut;fin;commune;lieu\n"


def test_a_csv_saved_by_a_spreadsheet_in_windows_1252_is_read(coordinator, commune):
    content = CSV_HEADER + "Café des parents;Crèche;parentalite;2030-04-02 10:00;;31113;Salle\n"
    result = agenda_import_csv(content=content.encode("cp1252"), actor=coordinator)
    assert (result.created, result.errors) == (1, [])
    assert Event.objects.get().title == "Café des parents"


def test_the_command_reads_a_windows_1252_csv_too(coordinator, commune, tmp_path):
    path = tmp_path / "agenda.csv"
    path.write_bytes(
        (CSV_HEADER + "Café des parents;Crèche;parentalite;2030-04-02 10:00;;31113;Salle\n").encode(
            "cp1252"
        )
    )
    out = io.StringIO()
    call_command("ateliers", "agenda-import", str(path), stdout=out)
    assert "1 action(s) créée(s)" in out.getvalue()


def test_a_csv_beyond_the_row_limit_is_refused_whole(coordinator, monkeypatch):
    monkeypatch.setattr("millejours.programme.services.agenda_import.MAX_ACTIONS", 2)
    rows = "".join(f"Stand {i};CCAS;vaccination;2030-04-0{i} 10:00;;;\n" for i in range(1, 4))
    result = agenda_import_csv(content=CSV_HEADER + rows, actor=coordinator)
    assert result.created == 0 and "trop de lignes" in result.errors[0]
    assert not Event.objects.exists()


def test_an_ical_feed_beyond_the_action_limit_is_refused_whole(coordinator, monkeypatch):
    monkeypatch.setattr("millejours.programme.services.agenda_import.MAX_ACTIONS", 2)
    events = "".join(
        f"BEGIN:VEVENT\nUID:{i}@x\nDTSTART:2030031{i}T140000Z\nSUMMARY:Atelier {i}\nEND:VEVENT\n"
        for i in range(1, 4)
    )
    content = f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\n{events}END:VCALENDAR\n".encode()
    result = agenda_import_ical(content=content, actor=coordinator)
    assert result.created == 0 and "plus de 2 actions" in result.errors[0]
    assert not Event.objects.exists()


def test_a_file_that_is_not_text_is_refused_in_french(coordinator):
    result = agenda_import_csv(content=b"\x81\x8d\x8f\x90\x9d" * 10, actor=coordinator)
    assert result.created == 0 and result.errors == [
        "Le fichier n'est pas un texte lisible (UTF-8 ou Windows-1252)."
    ]
