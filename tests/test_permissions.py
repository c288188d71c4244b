import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory

from cop_platform.permissions import can
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_unknown_capability_is_an_error_not_a_silent_no():
    with pytest.raises(KeyError, match=r"profile\.edti"):
        can(UserFactory(), "profile.edti", None)


def test_superusers_get_no_capability_the_rules_do_not_give():
    admin = UserFactory(is_staff=True, is_superuser=True)
    person = UserFactory()

    assert not can(admin, "profile.edit", person)
    assert can(admin, "profile.edit", admin)
    assert admin.has_perm("profile.edit", person)  # what `can()` deliberately does not ask


def test_anonymous_visitors_may_not_view_profiles():
    assert not can(AnonymousUser(), "profile.view", UserFactory())


@pytest.mark.parametrize(("viewer_is_owner", "shown"), [(True, "yes"), (False, "no")])
def test_templates_ask_the_same_question(viewer_is_owner, shown):
    owner = UserFactory()
    request = RequestFactory().get("/")
    request.user = owner if viewer_is_owner else UserFactory()
    template = Template(
        '{% load permissions %}{% can "profile.edit" person as ok %}{{ ok|yesno:"yes,no" }}'
    )

    assert template.render(Context({"request": request, "person": owner})) == shown
