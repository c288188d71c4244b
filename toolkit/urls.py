from django.urls import path

from toolkit.views import curation, pages, program

app_name = "toolkit"

RESOURCE = "cops/<slug:slug>/toolkit/<int:pk>"

urlpatterns = [
    path("cops/<slug:slug>/toolkit/", pages.toolkit_list, name="list"),
    path("cops/<slug:slug>/toolkit/share/", pages.resource_create, name="create"),
    path(f"{RESOURCE}/", pages.resource_detail, name="detail"),
    path(f"{RESOURCE}/file/", pages.resource_download, name="download"),
    path(f"{RESOURCE}/edit/", curation.resource_edit, name="edit"),
    path(f"{RESOURCE}/retire/", curation.resource_retire, name="retire"),
    path(f"{RESOURCE}/restore/", curation.resource_restore, name="restore"),
    path(f"{RESOURCE}/feature/", curation.resource_feature, name="feature"),
    path(f"{RESOURCE}/used/", curation.resource_use, name="use"),
    path(f"{RESOURCE}/discuss/", curation.resource_discuss, name="discuss"),
    # A program's own toolkit, kept by its TTA leaders.
    path("programs/<slug:slug>/toolkit/", program.program_toolkit, name="program_list"),
    path(
        "programs/<slug:slug>/toolkit/add/",
        program.program_resource_create,
        name="program_create",
    ),
    path(
        "programs/<slug:slug>/toolkit/<int:pk>/edit/",
        program.program_resource_edit,
        name="program_edit",
    ),
    path(
        "programs/<slug:slug>/toolkit/<int:pk>/file/",
        program.program_resource_download,
        name="program_download",
    ),
    path(
        "programs/<slug:slug>/toolkit/<int:pk>/retire/",
        program.program_resource_retire,
        name="program_retire",
    ),
    path(
        "programs/<slug:slug>/toolkit/<int:pk>/restore/",
        program.program_resource_restore,
        name="program_restore",
    ),
]
