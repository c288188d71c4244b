import random
import time

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from cop_platform.scale import ScaleRun, seed_scale

# Every seeded person's password: one hash made once, not 50,000.
SCALE_PASSWORD = "scale-data-password"  # noqa: S105


class Command(BaseCommand):
    help = (
        "Fill the database with scale data for the bench: at --factor 10, 50,000 people, 500 CoPs, "
        "100,000 threads and 900,000 replies (factor 1 is a tenth). Needs an empty database "
        "(no CoPs) unless --force, and DEBUG on unless --yes-really."
    )

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=float, default=1.0)
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same data.")
        parser.add_argument(
            "--force", action="store_true", help="Seed even though the database holds CoPs."
        )
        parser.add_argument(
            "--yes-really",
            action="store_true",
            help="Seed with DEBUG off (a bench database; never a production one).",
        )

    def handle(self, *args, factor, seed, force, yes_really, **options):
        if factor <= 0:
            raise CommandError("--factor must be above 0.")
        # Scale data in a production database would be thousands of fake people emailed and
        # listed beside real ones; both guards must be passed on purpose.
        if not settings.DEBUG and not yes_really:
            raise CommandError(
                "DEBUG is off: this may be a production database. Pass --yes-really if it is a "
                "bench database."
            )
        # Looked up by name: cop_platform imports no app (tests/test_app_layering.py); CoPs are
        # what every scale seeder builds on, so their presence means the data is not empty.
        community = apps.get_model("communities", "Community")
        if community.objects.exists() and not force:
            raise CommandError(
                "The database already holds CoPs. Seed an empty database, or pass --force."
            )
        # Midnight today: the same seed gives the same rows all day, dated relative to today.
        today = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
        run = ScaleRun(
            factor=factor,
            # Made-up data, not secrets: a seeded generator makes it repeatable.
            rng=random.Random(seed),  # noqa: S311
            now=today,
            password_hash=make_password(SCALE_PASSWORD),
            out=self.stdout.write,
        )
        started = time.monotonic()
        counts = seed_scale(run)
        self._analyze()
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded factor {factor:g} in {time.monotonic() - started:.0f} s: "
                f"{sum(counts.values()):,} rows. Every seeded person's password: {SCALE_PASSWORD}"
            )
        )

    def _analyze(self) -> None:
        """Fresh statistics, so the first queries after seeding plan as they will later.

        Every table, not only those the seeders copied into: triggers fill some (the search
        entries), and a table never analysed is planned as a small one. Unanalysed, a common
        pair of words was estimated at 99 matching entries for 100,000, and search read them
        all (240 ms) instead of walking the newest entries to its cap (3 ms)."""
        started = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(f"ANALYZE {time.monotonic() - started:.1f} s")
