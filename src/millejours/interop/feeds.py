"""The regional catalogue: publish this instance's fiches as a feed, read other CPTS' feeds.

Feed document (public, ``/api/catalogue/fiches.json``)::

    {"schema": "millejours.fiche/1", "kind": "feed", "publisher": "...", "generated_at": "...",
     "fiches": [{"id": "12", "schema": "millejours.fiche/1", "fiche": {...}}, ...]}

Each entry is a ``millejours.fiche/1`` document (``programme.services.fiche_to_dict``) plus
its id at the publisher. Fetching a subscribed URL goes through :func:`fetch` (timeout, size
limit, http/https only); an uploaded file goes through the same parser.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from millejours.accounts.access import require_coordinator, require_role_or_platform
from millejours.audit.services import record_event
from millejours.lib import safejson
from millejours.lib.errors import InvalidInput
from millejours.programme.models import FicheState
from millejours.programme.selectors import fiche_catalogue, fiche_full
from millejours.programme.services.fiche_document import fiche_to_dict
from millejours.programme.services.fiches import fiche_import

from .models import FeedSubscription, RemoteFiche

SCHEMA = "millejours.fiche/1"
FETCH_TIMEOUT = 10  # seconds
MAX_FEED_BYTES = 5 * 1024 * 1024
MAX_FICHES = 2000
MAX_REFRESH_PER_RUN = 50  # subscriptions re-read by one scheduled run (oldest first)
REFRESH_BUDGET_SECONDS = 300  # a scheduled run stops starting new fetches after this


class FeedError(ValueError):
    """A feed that cannot be read (French message)."""


# --- Publishing --------------------------------------------------------------------------------


def publish() -> dict:
    """This instance's shared catalogue (every fiche past the idea stage) as a feed."""
    ids = list(
        fiche_catalogue().exclude(state=FicheState.IDEE).values_list("pk", flat=True)[:MAX_FICHES]
    )
    entries = []
    for pk in ids:
        doc = fiche_to_dict(fiche_full(pk))
        entries.append({"id": str(pk), **doc})
    return {
        "schema": SCHEMA,
        "kind": "feed",
        "publisher": settings.MILLEJOURS_SITE_URL,
        "generated_at": timezone.now().isoformat(),
        "fiches": entries,
    }


# --- Reading -----------------------------------------------------------------------------------


def fetch(url: str, *, timeout: float = FETCH_TIMEOUT, max_bytes: int = MAX_FEED_BYTES) -> bytes:
    """The body at ``url`` (http/https only), at most ``max_bytes``; raises FeedError."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise FeedError("Seules les adresses http(s) sont acceptées.")
    request = urllib.request.Request(
        url, headers={"Accept": "application/json", "User-Agent": "millejours-feed/1"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (scheme checked)
            body = response.read(max_bytes + 1)
    except urllib.error.HTTPError as exc:
        raise FeedError(f"Le serveur du flux a répondu {exc.code}.") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise FeedError(f"Flux injoignable ({getattr(exc, 'reason', exc)}).") from None
    if len(body) > max_bytes:
        raise FeedError(f"Le flux dépasse {max_bytes // (1024 * 1024)} Mo.")
    return body


def parse(body: bytes) -> list[dict]:
    """The fiche entries of a feed document (or of a single fiche document)."""
    if len(body) > MAX_FEED_BYTES:
        raise FeedError(f"Le flux dépasse {MAX_FEED_BYTES // (1024 * 1024)} Mo.")
    try:
        data = safejson.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise FeedError("Le flux n'est pas un document JSON valide (UTF-8).") from None
    except InvalidInput as exc:
        raise FeedError(exc.message) from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise FeedError(f"Schéma attendu : « {SCHEMA} ».")
    entries = data.get("fiches") if data.get("kind") == "feed" else [{"id": "1", **data}]
    if not isinstance(entries, list) or len(entries) > MAX_FICHES:
        raise FeedError(f"Le flux doit contenir une liste d'au plus {MAX_FICHES} fiches.")
    out = []
    for i, entry in enumerate(entries, start=1):
        fiche = entry.get("fiche") if isinstance(entry, dict) else None
        if (
            not isinstance(fiche, dict)
            or not isinstance(fiche.get("title"), str)
            or not fiche["title"].strip()
        ):
            raise FeedError(
                f"Fiche n° {i} : document « millejours.fiche/1 » attendu, avec un libellé."
            )
        out.append({"id": str(entry.get("id") or i)[:64], "fiche": fiche})
    return out


def _text(fiche: dict, key: str, length: int) -> str:
    value = fiche.get(key)
    return value[:length] if isinstance(value, str) else ""


def store(subscription: FeedSubscription, entries: list[dict], *, actor=None) -> int:
    """Replace the subscription's fiches by ``entries`` (atomic); the number stored."""
    with transaction.atomic():
        subscription.fiches.all().delete()
        RemoteFiche.objects.bulk_create(
            [
                RemoteFiche(
                    subscription=subscription,
                    remote_id=e["id"],
                    title=_text(e["fiche"], "title", 250),
                    theme=_text(e["fiche"], "theme", 40),
                    public_code=_text(e["fiche"], "public_code", 30),
                    state=_text(e["fiche"], "state", 20),
                    carrier=_text(e["fiche"], "carrier", 200),
                    document={"schema": SCHEMA, "fiche": e["fiche"]},
                )
                for e in {e["id"]: e for e in entries}.values()
            ]
        )
        subscription.refreshed_at = timezone.now()
        subscription.last_error = ""
        subscription.save(update_fields=["refreshed_at", "last_error"])
        record_event(
            actor=actor or "planificateur",
            action="interop.flux_actualise",
            obj=subscription,
            details={"fiches": len(entries)},
        )
    return subscription.fiches.count()


def subscribe(
    *, name: str, url: str = "", body: bytes | None = None, actor=None
) -> FeedSubscription:
    """A new subscription, read at once (by URL, or from an uploaded file's ``body``); the
    coordination's, or the platform's (``actor=None``)."""
    require_role_or_platform(actor, require_coordinator)
    name = (name or "").strip()[:200]
    if not name:
        raise FeedError("Le nom de la CPTS est obligatoire.")
    if not url and body is None:
        raise FeedError("Indiquez l'adresse du flux ou déposez un fichier.")
    entries = parse(body if body is not None else fetch(url))
    with transaction.atomic():
        subscription = FeedSubscription.objects.create(
            name=name, url=url if body is None else "", created_by=actor
        )
        store(subscription, entries, actor=actor)
    return subscription


def refresh(subscription: FeedSubscription, *, actor=None) -> int:
    """Re-read a URL subscription; on error keep the fiches and record the message. The
    coordination's, or the platform's (``actor=None``: the nightly job)."""
    require_role_or_platform(actor, require_coordinator)
    if not subscription.url:
        raise FeedError("Cet abonnement vient d'un fichier : déposez une nouvelle version.")
    try:
        return store(subscription, parse(fetch(subscription.url)), actor=actor)
    except FeedError as exc:
        FeedSubscription.objects.filter(pk=subscription.pk).update(last_error=str(exc)[:500])
        raise


def refresh_subscriptions(
    *,
    limit: int = MAX_REFRESH_PER_RUN,
    budget_seconds: float = REFRESH_BUDGET_SECONDS,
    timeout: float = FETCH_TIMEOUT,
) -> dict:
    """The scheduler's job: re-read the URL subscriptions, least recently refreshed first.

    Bounded: at most ``limit`` feeds, each fetch within ``timeout`` seconds, and no new fetch
    once ``budget_seconds`` have passed (the others wait for the next run, being the oldest).
    A feed that fails keeps its fiches and records its error; the run goes on.
    """
    started = time.monotonic()
    due = FeedSubscription.objects.exclude(url="").order_by(
        F("refreshed_at").asc(nulls_first=True), "pk"
    )
    total = due.count()
    refreshed, failed = 0, []
    for subscription in due[:limit]:
        if time.monotonic() - started > budget_seconds:
            break
        try:
            store(subscription, parse(fetch(subscription.url, timeout=timeout)))
            refreshed += 1
        except FeedError as exc:
            FeedSubscription.objects.filter(pk=subscription.pk).update(last_error=str(exc)[:500])
            failed.append(subscription.name)
    return {
        "refreshed": refreshed,
        "failed": len(failed),
        "failed_names": failed[:20],
        "postponed": total - refreshed - len(failed),
    }


def regional_catalogue(
    *, theme: str = "", public: str = "", state: str = "", cpts: str = "", q: str = ""
):
    """The regional fiches, filtered by every criterion given (an empty one filters nothing)."""
    exact: dict[str, object] = {"theme": theme, "public_code": public, "state": state}
    if cpts and cpts.isdigit():
        exact["subscription_id"] = int(cpts)
    qs = RemoteFiche.objects.select_related("subscription").filter(
        **{field: value for field, value in exact.items() if value}
    )
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(carrier__icontains=q))
    return qs.order_by("title", "id")


def copy_as_draft(remote: RemoteFiche, *, actor):
    """A local fiche (state « idée ») from a regional one, through the programme import
    (which holds the coordination's rule)."""
    document = {
        "schema": SCHEMA,
        "fiche": {**remote.document.get("fiche", {}), "state": FicheState.IDEE},
    }
    return fiche_import(
        payload=document, actor=actor, origin=f"catalogue régional : {remote.subscription.name}"
    )
