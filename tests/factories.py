import factory
from allauth.account.models import EmailAddress

from communities.models import (
    Community,
    JoinPolicy,
    Membership,
    MembershipRole,
    Program,
    Stage,
    User,
    Visibility,
)

PASSWORD = "a-long-test-password-2026"  # noqa: S105


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    handle = factory.Sequence(lambda n: f"person{n}")
    name = factory.Sequence(lambda n: f"Test Person {n}")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """Each person has a verified primary address, as after sign-up, unless verified=False."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    name = factory.Sequence(lambda n: f"Program {n}")
    slug = factory.Sequence(lambda n: f"program-{n}")


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Community

    name = factory.Sequence(lambda n: f"Community {n}")
    slug = factory.Sequence(lambda n: f"community-{n}")
    domain = factory.Sequence(lambda n: f"shared concern {n}")
    description = "People who learn together."
    visibility = Visibility.PUBLIC
    join_policy = JoinPolicy.OPEN
    stage = Stage.ACTIVE


class MembershipFactory(factory.django.DjangoModelFactory):
    """A membership; `roles=["facilitator", …]` adds community roles."""

    class Meta:
        model = Membership
        skip_postgeneration_save = True

    community = factory.SubFactory(CommunityFactory)
    user = factory.SubFactory(UserFactory)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            MembershipRole.objects.bulk_create(
                [MembershipRole(membership=self, role=role) for role in extracted]
            )
