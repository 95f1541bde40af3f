"""Demo data for `make run`: one user per role (password ``demo``).

Refuses to run where ``DEMO_DATA_ALLOWED`` is False (production settings): demo users with a
known password must never exist in a real installation.
"""

import random

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

from core.roles import Role

DEMO_PASSWORD = "demo"  # noqa: S105 - demo only; refused in production

# username, first name, last name, role, staff (may open the admin)
DEMO_USERS = [
    ("jurist", "Jonas", "Juul", Role.JURIST, False),
    ("borgerraadgiver", "Birgitte", "Brandt", Role.HEAD, True),
    # Joins the whistleblower unit through the unit's own door (whistleblower.demo).
    ("wbenhed", "Wilma", "Winther", None, False),
    ("udvalg", "Ulrik", "Udsen", Role.COMMITTEE, False),
    ("sekretariat", "Sara", "Sørensen", Role.SECRETARIAT, True),
]


class Command(BaseCommand):
    help = "Create demo users (one per role, password 'demo'). Development only."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2023, help="Random seed for demo data.")

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                "seed_demo refuses to run here: DEMO_DATA_ALLOWED is off (production settings)."
            )
        with transaction.atomic():
            created = self.seed_users()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo users ready ({created} new): " + ", ".join(u[0] for u in DEMO_USERS)
                )
            )
            # Apps contribute their own demo data through ``demo_seeders`` on their AppConfig
            # (dotted paths), so that core never imports the apps built on it.
            for config in apps.get_app_configs():
                for seeder in getattr(config, "demo_seeders", ()):
                    rng = random.Random(options["seed"])  # noqa: S311 - deterministic demo data
                    summary = import_string(seeder)(rng=rng)
                    self.stdout.write(f"{config.label}: {summary}")

    def seed_users(self) -> int:
        User = get_user_model()
        created_count = 0
        for username, first, last, role, staff in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username, defaults={"first_name": first, "last_name": last, "is_staff": staff}
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.email = f"{username}@demo.invalid"
                user.save()
                created_count += 1
            if role is not None:
                user.groups.add(Group.objects.get(name=role))
        return created_count
