"""``millejours backup -o FILE`` and ``millejours restore FILE``, end to end.

A demo territory with access-log entries, an uploaded declaration file and a data file
is backed up, restored into a fresh database and a fresh data directory: every table has
the same row count, the access-log chain is intact, the files are back. The restore
refuses a database that holds data and a wrong key (French message, exit code 2).
"""

from __future__ import annotations

import pytest

SEED_ACCESS_LOG = (
    "from millejours.accounts.models import User; from millejours.pathway.models import Family;"
    "from millejours.audit.services import record_access;"
    "u = User.objects.get(email='sagefemme@demo.millejours.fr');"
    "[record_access(user=u, family=f, page='pathway:family_detail') for f in Family.objects.order_by('pk')[:3]]"
)


@pytest.fixture(scope="module")
def source(make_site):
    site = make_site("source")
    site.ok("migrate", "-v0")
    site.ok("demo", "load", "--families", "6")
    site.python(SEED_ACCESS_LOG)
    upload = site.data_dir / "media" / "outreach" / "imports" / "declarations.csv"
    upload.parent.mkdir(parents=True)
    upload.write_text("nom;prenom\nDurand;Léa\n", encoding="utf-8")
    (site.data_dir / "ancrages").mkdir()
    (site.data_dir / "ancrages" / "2026-11-30.json").write_text('{"head": "abc"}')
    return site


@pytest.fixture(scope="module")
def archive(source, tmp_path_factory):
    path = tmp_path_factory.mktemp("sauvegardes") / "millejours.sauvegarde"
    out = source.ok("backup", "-o", str(path))
    assert "Sauvegarde écrite" in out
    return path


def test_restore_into_a_fresh_site_gives_back_every_row_and_file(source, archive, make_site):
    assert b"Durand" not in archive.read_bytes()  # encrypted

    target = make_site("cible")
    out = target.ok("restore", str(archive))
    assert "restaurée" in out

    expected = source.row_counts()
    assert expected["pathway_family"] == 6 and expected["trust_accesslog"] == 3
    assert target.row_counts() == expected
    verify = target.run("accesslog", "verify")
    assert verify.returncode == 0, verify.stderr
    assert "3 entrée(s)" in verify.stdout
    restored = target.data_dir / "media" / "outreach" / "imports" / "declarations.csv"
    assert restored.read_text(encoding="utf-8") == "nom;prenom\nDurand;Léa\n"
    assert (target.data_dir / "ancrages" / "2026-11-30.json").read_text() == '{"head": "abc"}'

    again = target.run("restore", str(archive))
    assert again.returncode == 2
    assert "n'est pas vide" in again.stderr
    assert target.row_counts() == expected


def test_wrong_key_is_refused_and_nothing_is_written(archive, make_site):
    target = make_site("cible_cle")

    result = target.run("restore", str(archive), key="une-autre-cle-de-sauvegarde")
    assert result.returncode == 2
    assert "clé de sauvegarde incorrecte" in result.stderr
    assert not (target.data_dir / "media").exists()
    assert "pathway_family" not in target.row_counts()


def test_backup_without_key_is_refused(make_site, tmp_path):
    site = make_site("sans_cle")
    result = site.run("backup", "-o", str(tmp_path / "x.sauvegarde"), key="")
    assert result.returncode == 2
    assert "MILLEJOURS_BACKUP_KEY" in result.stderr
    assert not (tmp_path / "x.sauvegarde").exists()


def test_same_data_directory_is_accepted_when_its_files_are_unchanged(source, archive, make_site):
    target = make_site("cible_meme_dossier")
    target.env["MILLEJOURS_DATA_DIR"] = str(source.data_dir)
    if "DATABASE_URL" not in target.env:  # SQLite: a new database file beside the data directory
        target.env["DATABASE_URL"] = f"sqlite:///{target.data_dir / 'neuve.sqlite3'}"
    anchor = source.data_dir / "ancrages" / "2026-11-30.json"

    anchor.write_text('{"head": "modifié"}')
    refused = target.run("restore", str(archive))
    assert refused.returncode == 2
    assert "autre contenu" in refused.stderr
    assert "pathway_family" not in target.row_counts()

    anchor.write_text('{"head": "abc"}')
    target.ok("restore", str(archive))
    assert target.row_counts()["pathway_family"] == 6
