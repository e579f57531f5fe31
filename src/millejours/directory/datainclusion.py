"""The data·inclusion feed: services of the territory from the national API, on a schedule.

Settings: ``MILLEJOURS_DATAINCLUSION_URL`` (API base, e.g.
``https://api.data.inclusion.gouv.fr/api/v1``; empty: the feed is off),
``MILLEJOURS_DATAINCLUSION_TOKEN`` (bearer token delivered by data·inclusion),
``MILLEJOURS_DATAINCLUSION_DEPARTEMENTS`` (codes of the territory's départements, e.g. ``31``).

For each département: ``GET <url>/structures?code_departement=<code>&page=<n>&size=<size>``
and ``GET <url>/services?…`` with ``Authorization: Bearer <token>``; each answer is a page
``{"items": [...], "total", "page", "size", "pages"}``. The items go through the same
validation and upsert as a data·inclusion JSON file (``services.resources_import``):
records are merged by ``(source, id)`` (the item's own ``source``, e.g. ``dora``), so a
second run updates rather than duplicates; the fields a partner or the coordination edited
here (``Service.local_fields``) keep their local value, the other fields follow the feed.
Unknown optional codes (typology, theme) are warnings. A network or API error fails the run
(French message) and writes nothing.
"""

from __future__ import annotations

import json
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from django.conf import settings

from .services import resources_import

MAX_PAGES = 200
# data·inclusion typology codes whose slug is not one of ours (the others, e.g. PMI, CAF, match).
TYPOLOGIES = {"ASSO": "association", "ASSO_CHOMEUR": "association"}


class FeedError(Exception):
    pass


def _get_json(url: str, token: str, timeout: float):
    request = urllib.request.Request(
        url, headers={"Accept": "application/json", "Authorization": f"Bearer {token}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - URL from settings
            return json.load(response)
    except urllib.error.HTTPError as exc:
        raise FeedError(
            f"data·inclusion a répondu HTTP {exc.code} pour {url.split('?')[0]}."
        ) from None
    except (urllib.error.URLError, TimeoutError, ConnectionError, ValueError) as exc:
        raise FeedError(
            f"data·inclusion injoignable ou réponse illisible : {getattr(exc, 'reason', exc)}."
        ) from None


def fetch_all(
    base_url: str,
    resource: str,
    departement: str,
    *,
    token: str,
    size: int = 500,
    timeout: float = 30.0,
    transport=None,
) -> list[dict]:
    """Every item of ``resource`` (``services`` or ``structures``) for one département."""
    transport = transport or _get_json
    items: list[dict] = []
    page = 1
    while page <= MAX_PAGES:
        query = urllib.parse.urlencode(
            {"code_departement": departement, "page": page, "size": size}
        )
        data = transport(f"{base_url.rstrip('/')}/{resource}?{query}", token, timeout)
        if not isinstance(data, dict) or not isinstance(data.get("items"), list):
            raise FeedError(
                f"Réponse data·inclusion inattendue pour « {resource} » (liste « items » absente)."
            )
        items.extend(item for item in data["items"] if isinstance(item, dict))
        if page >= int(data.get("pages") or 1) or not data["items"]:
            return items
        page += 1
    raise FeedError(f"Plus de {MAX_PAGES} pages pour « {resource} » : import interrompu.")


def import_feed(*, transport=None) -> dict:
    """Fetch the territory's services and import them; the job's summary."""
    base = settings.MILLEJOURS_DATAINCLUSION_URL
    departements = [
        d.strip() for d in settings.MILLEJOURS_DATAINCLUSION_DEPARTEMENTS.split(",") if d.strip()
    ]
    if not base or not departements:
        return {"skipped": "MILLEJOURS_DATAINCLUSION_URL ou _DEPARTEMENTS non configurés"}
    token = settings.MILLEJOURS_DATAINCLUSION_TOKEN
    structures, services = [], []
    for code in departements:
        structures += fetch_all(base, "structures", code, token=token, transport=transport)
        services += fetch_all(base, "services", code, token=token, transport=transport)
    # Structures are keyed by id inside one source: prefix as the importer expects ("source--id").
    for item in structures:
        item["id"] = _qualified(item)
        item["typologie"] = TYPOLOGIES.get(str(item.get("typologie") or ""), item.get("typologie"))
    for item in services:
        item["structure_id"] = _qualified(
            {"source": item.get("source"), "id": item.get("structure_id")}
        )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "data-inclusion.json"
        path.write_text(
            json.dumps({"structures": structures, "services": services}), encoding="utf-8"
        )
        report = resources_import(path=path, source="data-inclusion", actor="data-inclusion")
    return {
        "services": len(services),
        "created": report["created"],
        "updated": report["updated"],
        "rejected": len(report["rejected"]),
        "warnings": len(report.get("warnings", [])),
    }


def _qualified(item: dict) -> str:
    source, ident = str(item.get("source") or ""), str(item.get("id") or "")
    return ident if not source or ident.startswith(f"{source}--") else f"{source}--{ident}"
