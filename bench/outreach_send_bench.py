"""Benchmark of the outbox worker against a local fake SMS operator (exactly once).

Usage::

    .venv/bin/python bench/outreach_send_bench.py --messages 100000 [--workers 2] [--db-url URL]

With no ``--db-url`` a fresh SQLite file under /tmp is used. The database given is
FLUSHED first: use a dedicated one (``postgres://postgres@127.0.0.1:55432/mj_bench_outreach``).
It queues N messages (bulk), starts the fake operator (``http.server`` on 127.0.0.1,
honouring ``Idempotency-Key``; 1 % of answers are HTTP 500 to exercise the retries), then:

1. sends everything with ``--workers`` worker threads (claim → send → mark sent;
   retries with backoff shortened to 0 s) and checks exactly-once by counting the keys the
   operator received: each key delivered once, none missing;
2. times the database part alone, ORM path (claim batch + mark sent, no HTTP) next to the
   equivalent raw SQL (``UPDATE … WHERE id IN (SELECT … LIMIT n)`` + ``UPDATE … SET
   status='envoye'``) on the same number of messages.

Prints a Markdown table. Synthetic data only.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from benchlib import setup_database  # noqa: E402


def queue(n: int, prefix: str) -> None:
    from datetime import date, timedelta

    from django.utils import timezone

    from millejours.outreach.models import OutboundMessage, OutreachContact
    from millejours.pathway.models import Family, Parent, Pregnancy, new_reference

    families = Family.objects.bulk_create(
        [Family(reference=new_reference(), display_name=f"Foyer {prefix}{i}") for i in range(n)],
        batch_size=5000,
    )
    parents = Parent.objects.bulk_create(
        [Parent(family=f, first_name="Julie", last_name="Bench") for f in families], batch_size=5000
    )
    Pregnancy.objects.bulk_create(
        [Pregnancy(family=f, lmp=date.today() - timedelta(days=60)) for f in families],
        batch_size=5000,
    )
    contacts = OutreachContact.objects.bulk_create(
        [
            OutreachContact(family=f, parent=p, phone=f"+336{10000000 + i}")
            for i, (f, p) in enumerate(zip(families, parents, strict=True))
        ],
        batch_size=5000,
    )
    now = timezone.now()
    OutboundMessage.objects.bulk_create(
        [
            OutboundMessage(
                idempotency_key=f"{prefix}-{c.pk}",
                contact=c,
                channel="sms",
                recipient=c.phone,
                body="Bonjour Julie, la PMI vous propose un entretien prénatal précoce.",
                not_before=now,
            )
            for c in contacts
        ],
        batch_size=5000,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db-url", default="")
    args = parser.parse_args()
    setup_database(args.db_url, name="mj_bench_send")
    from django.conf import settings
    from django.db import connection, connections, transaction
    from tests.outreach.fake_operator import FakeOperator

    from millejours.outreach import sending
    from millejours.outreach.backends import HttpSmsBackend
    from millejours.outreach.models import MessageStatus, OutboundMessage

    n = args.messages
    started = time.perf_counter()
    queue(n, "b")
    queued_s = time.perf_counter() - started

    settings.OUTREACH_RETRY_BASE_SECONDS = 0
    settings.OUTREACH_SMS_TIMEOUT = 10
    rows = []
    with FakeOperator() as operator:
        operator.script = (["ok"] * 99 + ["500"]) * (n // 100)
        backend = HttpSmsBackend(operator.url, status_url=operator.url.replace("/sms", "/status"))
        errors = []

        def worker():
            try:
                while True:
                    stats = sending.send_pending(limit=500, batch=100, backends={"sms": backend})
                    if not (stats.sent or stats.retried):
                        if not OutboundMessage.objects.filter(status=MessageStatus.QUEUED).exists():
                            return
            except Exception as exc:  # noqa: BLE001
                errors.append(exc)
            finally:
                connections.close_all()

        started = time.perf_counter()
        threads = [threading.Thread(target=worker) for _ in range(args.workers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        send_s = time.perf_counter() - started
        keys = set(OutboundMessage.objects.values_list("idempotency_key", flat=True))
        sent = OutboundMessage.objects.filter(status=MessageStatus.SENT).count()
        delivered = operator.deliveries
        exactly_once = (
            len(delivered) == len(set(delivered)) == n and set(delivered) == keys and sent == n
        )
        retries = sum(1 for r in operator.requests if r["behaviour"] == "500")
        rows.append(
            (
                f"Envoi complet, {args.workers} worker(s), opérateur HTTP local (1 % d'erreurs 500)",
                send_s,
                n / send_s,
                f"{'oui' if exactly_once else 'NON'} ({len(delivered)} clés reçues, "
                f"{len(operator.requests)} requêtes dont {retries} en échec puis réessayées)",
            )
        )
        if errors:
            print("Erreurs :", errors)

    # Database part alone: ORM claim + mark sent vs raw SQL, on a reset batch.
    OutboundMessage.objects.update(status=MessageStatus.QUEUED, claim_token="", sent_at=None)

    class Null:
        def send(self, message):
            return message.idempotency_key

        def lookup(self, key):
            return None

    started = time.perf_counter()
    while sending.send_pending(limit=1000, batch=200, backends={"sms": Null()}).sent:
        pass
    orm_s = time.perf_counter() - started
    OutboundMessage.objects.update(status=MessageStatus.QUEUED, claim_token="", sent_at=None)
    started = time.perf_counter()
    lock = " FOR UPDATE SKIP LOCKED" if connection.vendor == "postgresql" else ""
    while True:
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute(
                f"SELECT id FROM outreach_outboundmessage WHERE status = 'a_envoyer' ORDER BY not_before, id"
                f" LIMIT 200{lock}"
            )
            ids = [r[0] for r in cur.fetchall()]
            if not ids:
                break
            marks = ",".join(["%s"] * len(ids))
            cur.execute(
                f"UPDATE outreach_outboundmessage SET status = 'en_cours', claim_token = 'raw' WHERE id IN ({marks})",
                ids,
            )
        with connection.cursor() as cur:
            cur.executemany(
                "UPDATE outreach_outboundmessage SET status = 'envoye', sent_at = CURRENT_TIMESTAMP"
                " WHERE id = %s AND claim_token = 'raw'",
                [(i,) for i in ids],
            )
    raw_s = time.perf_counter() - started
    rows.append(
        (
            "Partie base seule, ORM (réservation par lots de 200 + marquage un par un)",
            orm_s,
            n / orm_s,
            "–",
        )
    )
    rows.append(("Partie base seule, SQL brut équivalent", raw_s, n / raw_s, "–"))

    print(f"\n## Envoi de messages — {n} messages, {connection.vendor}\n")
    print(f"Mise en file : {queued_s:.1f} s (bulk_create).\n")
    print("| Étape | Durée (s) | Messages/s | Exactement une fois |")
    print("|---|---:|---:|---|")
    for label, elapsed, rate, check in rows:
        print(f"| {label} | {elapsed:.1f} | {rate:,.0f} | {check} |")
    if not exactly_once:
        sys.exit(1)


if __name__ == "__main__":
    main()
