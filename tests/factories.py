import factory
from allauth.account.models import EmailAddress

from communities.models import (
    Community,
    JoinPolicy,
    Membership,
    MembershipRole,
    Post,
    Program,
    Stage,
    Thread,
    ThreadKind,
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


class ThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thread

    community = factory.SubFactory(CommunityFactory)
    kind = ThreadKind.QUESTION
    title = factory.Sequence(lambda n: f"How do you handle case {n}?")
    body = "We are trying something new."
    body_html = "<p>We are trying something new.</p>"
    author = factory.SubFactory(UserFactory)


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(UserFactory)
    body = "Here is what worked for us."
    body_html = "<p>Here is what worked for us.</p>"
