"""The toolkit: resources (one CoP's or a program's), the featured strip, usage figures and the
threads discussion prompts open; knowledge entries, and what knowledge brokers share between CoPs.
"""

from toolkit.models.brokering import SharedItem
from toolkit.models.knowledge import KnowledgeEntry, KnowledgeKind, ProgramSharing
from toolkit.models.resource import FILE_KINDS, FeaturedResource, Resource, ResourceKind
from toolkit.models.usage import PromptThread, ResourceDownload, ResourceTally, ResourceUse

__all__ = [
    "FILE_KINDS",
    "FeaturedResource",
    "KnowledgeEntry",
    "KnowledgeKind",
    "ProgramSharing",
    "PromptThread",
    "Resource",
    "ResourceDownload",
    "ResourceKind",
    "ResourceTally",
    "ResourceUse",
    "SharedItem",
]
