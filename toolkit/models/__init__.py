"""The toolkit: resources (one CoP's or a program's), the featured strip, usage figures and the
threads discussion prompts open."""

from toolkit.models.resource import FILE_KINDS, FeaturedResource, Resource, ResourceKind
from toolkit.models.usage import PromptThread, ResourceDownload, ResourceTally, ResourceUse

__all__ = [
    "FILE_KINDS",
    "FeaturedResource",
    "PromptThread",
    "Resource",
    "ResourceDownload",
    "ResourceKind",
    "ResourceTally",
    "ResourceUse",
]
