import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from cop_platform.uploads import check_upload, store_upload
from tests.factories import CommunityFactory, UserFactory
from toolkit.models import Resource, ResourceKind


class ResourceFactory(factory.django.DjangoModelFactory):
    """A link shared in a CoP; pass `program=` (and `community=None`) for a program-wide one."""

    class Meta:
        model = Resource

    community = factory.SubFactory(CommunityFactory)
    kind = ResourceKind.LINK
    title = factory.Sequence(lambda n: f"Resource {n}")
    description = "Useful for planning."
    url = "https://example.org/resource"
    author = factory.SubFactory(UserFactory)


def stored_text_file(resource: Resource, *, name="agenda.txt", text="Agenda\nWelcome\n") -> None:
    """Give the resource a text file, stored through the upload rules."""
    checked = check_upload(SimpleUploadedFile(name, text.encode(), content_type="text/plain"))
    resource.file = store_upload(checked, folder="toolkit")
    resource.file_name, resource.file_type, resource.file_size = (
        checked.name,
        checked.content_type,
        checked.size,
    )
    resource.kind = ResourceKind.TEMPLATE
    resource.save()
