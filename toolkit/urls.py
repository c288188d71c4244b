from django.urls import path

from toolkit.views import brokering, curation, knowledge, pages, program

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
    path(f"{RESOURCE}/share-into/", brokering.broker_resource, name="broker_resource"),
    path(
        "cops/<slug:slug>/toolkit/threads/<int:pk>/share-into/",
        brokering.broker_thread,
        name="broker_thread",
    ),
    path("cops/<slug:slug>/toolkit/shared/<int:pk>/", brokering.shared_item, name="shared"),
    path(
        "cops/<slug:slug>/toolkit/shared/<int:pk>/file/",
        brokering.shared_file,
        name="shared_file",
    ),
    # Knowledge capture, and a program's body of knowledge.
    path("cops/<slug:slug>/knowledge/", knowledge.knowledge_list, name="knowledge"),
    path("cops/<slug:slug>/knowledge/new/", knowledge.knowledge_create, name="knowledge_create"),
    path(
        "cops/<slug:slug>/knowledge/sharing/",
        knowledge.knowledge_sharing,
        name="knowledge_sharing",
    ),
    path(
        "cops/<slug:slug>/knowledge/<int:pk>/",
        knowledge.knowledge_detail,
        name="knowledge_detail",
    ),
    path(
        "cops/<slug:slug>/knowledge/<int:pk>/edit/",
        knowledge.knowledge_edit,
        name="knowledge_edit",
    ),
    path(
        "cops/<slug:slug>/knowledge/<int:pk>/publish/",
        knowledge.knowledge_publish,
        name="knowledge_publish",
    ),
    path(
        "programs/<slug:slug>/knowledge/",
        knowledge.program_knowledge,
        name="program_knowledge",
    ),
    path(
        "programs/<slug:slug>/knowledge/<int:pk>/",
        knowledge.program_knowledge_entry,
        name="program_knowledge_entry",
    ),
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
