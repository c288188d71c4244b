"""Demo accounts: who can log in to the demo, with which password (SPEC §10)."""

from allauth.account.models import EmailAddress
from django.db import transaction

from communities.models import User
from communities.services import tags_named

# Public, documented demo credentials: they exist only in demo databases.
DEMO_PASSWORD = "cop-demo-2026"  # noqa: S105

# (email, display name, job title, what the account shows in the demo)
DEMO_PEOPLE = [
    ("facilitator@example.org", "Demo Facilitator", "CoP facilitator", "facilitator of CoPs"),
    ("manager@example.org", "Demo Membership Manager", "Program coordinator", "membership manager"),
    ("moderator@example.org", "Demo Moderator", "Peer specialist", "discussion moderator"),
    ("editor@example.org", "Demo Knowledge Editor", "Librarian", "knowledge editor"),
    ("archivist@example.org", "Demo Archivist", "Records officer", "archivist"),
    ("analyst@example.org", "Demo Usage Analyst", "Evaluator", "usage analyst"),
    ("broker@example.org", "Demo Knowledge Broker", "Network liaison", "knowledge broker"),
    ("member@example.org", "Demo Member", "Case manager", "member of the private CoP"),
    ("outsider@example.org", "Demo Outsider", "Counsellor", "member of no CoP"),
    ("leader@example.org", "Demo TTA Leader", "TTA program lead", "TTA leader"),
    ("provider@example.org", "Demo TTA Provider", "TTA specialist", "TTA provider"),
    ("staff@example.org", "Demo Site Staff", "Site administrator", "site staff (Django admin)"),
]

DEMO_ORGANISATION = "Demo Training & TA Center"


@transaction.atomic
def seed_people() -> list[User]:
    """Create or refresh the demo accounts; running it again changes nothing."""
    people = []
    for email, name, job_title, _role in DEMO_PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, DEMO_PASSWORD)
        user.name = name
        user.job_title = job_title
        user.organisation = DEMO_ORGANISATION
        is_staff = email == "staff@example.org"
        user.is_staff = user.is_superuser = is_staff
        user.is_tta_leader = email == "leader@example.org"
        user.save(
            update_fields=[
                "name",
                "job_title",
                "organisation",
                "is_staff",
                "is_superuser",
                "is_tta_leader",
            ]
        )
        # Verified, so the demo accounts log in at once.
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        people.append(user)
    facilitator = people[0]
    facilitator.expertise.set(tags_named(["peer coaching", "facilitation"]))
    facilitator.needs.set(tags_named(["evaluation design"]))
    return people
