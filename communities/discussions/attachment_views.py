from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from communities.discussions.attachments import downloadable_attachments
from communities.views.guards import community_view
from cop_platform.permissions import can
from cop_platform.uploads import serve_upload


@community_view("discussion.read")
@require_GET
def attachment_download(request, community, pk):
    """A post's file, as its post is shown: gone with a deleted reply, and with a hidden thread
    or reply only for the moderators who still see it; never for one who cannot read the CoP."""
    attachment = get_object_or_404(downloadable_attachments(), pk=pk, thread__community=community)
    post = attachment.post
    if post is not None and post.deleted_at:
        raise Http404
    hidden = attachment.thread.is_hidden or (post is not None and post.is_hidden)
    if hidden and not can(request.user, "thread.moderate", post or attachment.thread):
        raise Http404
    if not can(request.user, "discussion.read", attachment):
        raise PermissionDenied
    return serve_upload(
        request,
        storage_name=attachment.storage_name,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
