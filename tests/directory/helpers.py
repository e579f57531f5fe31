"""Builders for directory tests (synthetic services only)."""

from __future__ import annotations

from itertools import count

from millejours.directory.models import Service, Status, Structure

_seq = count(1)


def structure(name="PMI de Castanet", typologie="pmi", organisation=None, **extra) -> Structure:
    n = next(_seq)
    return Structure.objects.create(
        source="test",
        source_id=f"s{n}",
        name=name,
        typologie=typologie,
        organisation=organisation,
        **extra,
    )


def service(
    name="Consultation PMI",
    *,
    lat=43.5156,
    lon=1.4981,
    status=Status.PUBLISHED,
    structure_obj=None,
    themes=("perinatalite--allaitement",),
    **extra,
) -> Service:
    n = next(_seq)
    return Service.objects.create(
        structure=structure_obj or structure(),
        source="test",
        source_id=f"v{n}",
        name=name,
        latitude=lat,
        longitude=lon,
        status=status,
        thematiques=list(themes),
        **extra,
    )


HEADER = "id;nom;structure;typologie;thematiques;adresse;code_insee;latitude;longitude;telephone;courriel;horaires"


def csv_file(
    tmp_path,
    lines,
    *,
    name="annuaire.csv",
    header=HEADER,
    delimiter=";",
    encoding="utf-8",
    bom=False,
):
    text = "\n".join([header.replace(";", delimiter), *lines]) + "\n"
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    path = tmp_path / name
    path.write_bytes(data)
    return path
