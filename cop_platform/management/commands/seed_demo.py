from django.core.management.base import BaseCommand

from communities.demo import DEMO_PASSWORD, DEMO_PEOPLE, seed_all


class Command(BaseCommand):
    help = "Load the demo data of SPEC §10. Idempotent: run it as often as you like."

    def handle(self, *args, **options):
        communities = seed_all()
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Log in with any of:"))
        for email, _name, _job, role in DEMO_PEOPLE:
            self.stdout.write(f"  {email:<26} {role}")
        self.stdout.write(f"Password for every demo account: {DEMO_PASSWORD}")
        self.stdout.write("Communities of practice:")
        for community in communities:
            program = community.program.name if community.program else "no program"
            self.stdout.write(
                f"  {community.slug:<30} {community.visibility}, {community.join_policy}, "
                f"{community.stage} ({program})"
            )
