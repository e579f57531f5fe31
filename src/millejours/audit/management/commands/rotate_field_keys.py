"""``millejours rotate_field_keys``: re-encrypt every encrypted field with the first key.

Contract::

    millejours rotate_field_keys [--dry-run] [--chunk-size N]
    millejours rotate_field_keys --generate-key

Procedure: generate a key, put it FIRST in MILLEJOURS_FIELD_KEYS (keep the old ones
after it), restart, run this command, then remove the old keys. Exit 0 when done,
2 on invalid arguments or when a value cannot be decrypted with the configured keys.
"""

from __future__ import annotations

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from millejours.audit.fields import encrypted_fields
from millejours.lib.cli import Erreur, FrenchCommand


class Command(FrenchCommand):
    help = "Rechiffre les champs sensibles avec la première clé de MILLEJOURS_FIELD_KEYS."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="compter sans rien écrire")
        parser.add_argument("--chunk-size", type=int, default=500, help="lignes par lot")
        parser.add_argument(
            "--generate-key", action="store_true", help="afficher une nouvelle clé et quitter"
        )

    def handle(self, *args, **options):
        if options["generate_key"]:
            self.stdout.write(Fernet.generate_key().decode())
            return
        chunk = max(1, options["chunk_size"])
        total = 0
        for model, field in encrypted_fields():
            label = f"{model._meta.label}.{field.name}"
            count = 0
            qs = model._default_manager.exclude(**{f"{field.attname}__isnull": True}).only(
                "pk", field.attname
            )
            try:
                batch = []
                for obj in qs.order_by("pk").iterator(chunk_size=chunk):
                    batch.append(obj)
                    if len(batch) >= chunk:
                        count += self._rewrite(model, field, batch, options["dry_run"])
                        batch = []
                count += self._rewrite(model, field, batch, options["dry_run"])
            except ImproperlyConfigured as exc:
                raise Erreur(f"{label} : {exc}") from None
            total += count
            self.stdout.write(
                f"{label} : {count} valeur(s) {'à rechiffrer' if options['dry_run'] else 'rechiffrée(s)'}"
            )
        self.stdout.write(f"Total : {total} valeur(s).")

    def _rewrite(self, model, field, batch, dry_run: bool) -> int:
        if not batch or dry_run:
            return len(batch)
        with transaction.atomic():
            # Values were decrypted on read (any key); saving encrypts with the first key.
            model._default_manager.bulk_update(batch, [field.name])
        return len(batch)
