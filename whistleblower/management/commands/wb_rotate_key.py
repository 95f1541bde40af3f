"""Rotate the whistleblower encryption key.

1. Put the new key first in WB_ENCRYPTION_KEY, the old after it: ``WB_ENCRYPTION_KEY=new,old``.
2. Run ``python manage.py wb_rotate_key``: everything is re-encrypted under the new key.
3. Remove the old key from WB_ENCRYPTION_KEY.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from whistleblower.upkeep import rotate_encryption


class Command(BaseCommand):
    help = "Re-encrypt all whistleblower content under the first key of WB_ENCRYPTION_KEY."

    def handle(self, *args, **options):
        with transaction.atomic():
            counts = rotate_encryption()
        self.stdout.write("Re-encrypted: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
