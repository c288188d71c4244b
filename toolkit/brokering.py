"""Knowledge brokering: a knowledge broker shares a resource or a thread of their CoP into
another CoP of the same program where they are a member too.

What the target's readers get is what the broker chose, and no more: the item's title, its
kind, a summary (a resource's description; a thread's opening post, cut short) and the broker's
note, marked "shared from <CoP>"; a resource's link and file too, since sharing a resource is
sharing those. They never get the thread's replies, nor any list of the source CoP's other
content. A link into the source CoP is shown only to those who may already read it there."""

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from communities.access import access_of
from communities.discussions.markdown import plain_text
from communities.models import Community, Stage, Thread, User
from toolkit.models import Resource, SharedItem

SUMMARY_LENGTH = 400


class BrokeringError(Exception):
    """Sharing that the rules refuse; `status` is the answer's 4xx."""

    def __init__(self, message: str, *, status: int = 403):
        super().__init__(message)
        self.status = status


def target_choices(*, broker: User, source: Community) -> QuerySet[Community]:
    """The CoPs a broker may share into from `source`: the program's others they belong to,
    not archived."""
    if source.program_id is None:
        return Community.objects.none()
    return (
        Community.objects.filter(program_id=source.program_id, pk__in=list(access_of(broker).roles))
        .exclude(pk=source.pk)
        .exclude(stage=Stage.ARCHIVED)
        .order_by("name")
    )


def _target(*, broker: User, source: Community, slug: str) -> Community:
    target = Community.objects.filter(slug=slug).first()
    if target is None or target.pk == source.pk:
        raise BrokeringError(_("Choose another CoP to share into."), status=400)
    if source.program_id is None or target.program_id != source.program_id:
        raise BrokeringError(_("You can share only into a CoP of the same program."))
    if not access_of(broker).is_member(target.pk):
        raise BrokeringError(_("You can share only into a CoP you are a member of."))
    if target.is_archived:
        raise BrokeringError(_("That CoP is archived: nothing can be shared into it."), status=409)
    return target


def _store(item: SharedItem) -> SharedItem:
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError as error:
        raise BrokeringError(_("It was already shared into that CoP."), status=409) from error
    return item


def share_resource_into(
    *, broker: User, source: Community, resource: Resource, slug: str, note: str = ""
) -> SharedItem:
    """Only the source CoP's own live resources: a program-wide one is in every CoP already."""
    if resource.community_id != source.pk:
        raise BrokeringError(_("Only the CoP's own resources can be shared."), status=400)
    if resource.is_retired:
        raise BrokeringError(_("A retired resource cannot be shared."), status=409)
    target = _target(broker=broker, source=source, slug=slug)
    return _store(
        SharedItem(community=target, source=source, resource=resource, note=note, broker=broker)
    )


def share_thread_into(
    *, broker: User, source: Community, thread: Thread, slug: str, note: str = ""
) -> SharedItem:
    if thread.community_id != source.pk:
        raise BrokeringError(_("Only the CoP's own threads can be shared."), status=400)
    if thread.is_hidden:
        raise BrokeringError(_("A hidden thread cannot be shared."), status=409)
    target = _target(broker=broker, source=source, slug=slug)
    return _store(
        SharedItem(community=target, source=source, thread=thread, note=note, broker=broker)
    )


def _live() -> Q:
    """Shares whose item is still there to read: a retired resource or a hidden thread leaves
    the target's list as it leaves the source's."""
    return Q(resource__isnull=False, resource__retired_at__isnull=True) | Q(
        thread__isnull=False, thread__is_hidden=False
    )


def shared_with(*, community: Community, limit: int = 20) -> list[SharedItem]:
    """What brokers shared into the CoP, newest first (one query)."""
    items = (
        SharedItem.objects.filter(_live(), community=community)
        .select_related("source", "resource", "thread", "broker")
        .order_by("-shared_at", "-pk")
    )
    return list(items[:limit])


def shared_item_in(*, community: Community, pk: int) -> SharedItem:
    item = (
        SharedItem.objects.filter(_live(), community=community, pk=pk)
        .select_related("source", "resource", "thread", "broker")
        .first()
    )
    if item is None:
        raise Http404
    item.community = community
    return item


def summary_of(item: SharedItem) -> str:
    """The words shown with the share: a resource's description, a thread's opening post."""
    if item.resource_id:
        text = item.resource.description
        return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1] + "…"
    return plain_text(item.thread.body_html, limit=SUMMARY_LENGTH)


def threads_to_broker(*, community: Community, limit: int = 10) -> list[Thread]:
    """The CoP's most recently active threads a broker may share (not hidden), one query."""
    threads = Thread.objects.filter(community=community, is_hidden=False)
    return list(threads.order_by("-last_activity_at", "-pk").only("pk", "title")[:limit])
