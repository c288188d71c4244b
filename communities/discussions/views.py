from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from communities.access import access_of
from communities.discussions.attachments import TooManyFilesError, add_attachments, attachments_on
from communities.discussions.forms import (
    EditForm,
    ModerationForm,
    ReplyForm,
    ReportForm,
    ResolveForm,
    ThreadForm,
)
from communities.discussions.markdown import render_markdown
from communities.discussions.models import Post, Report, ReportStatus, Thread, ThreadKind
from communities.discussions.reply_actions import offer_actions
from communities.discussions.reply_cards import add_reply_cards
from communities.discussions.selectors import (
    LIST_FILTERS,
    REPLIES_PAGE_SIZE,
    open_reports,
    replies_for,
    threads_as_shown_to,
    threads_for,
)
from communities.discussions.services import (
    DiscussionError,
    accept_answer,
    delete_post,
    edit_post,
    mark_thread_read,
    moderate,
    reply,
    report_post,
    resolve_report,
    set_archived,
    set_following,
    start_thread,
    toggle_helpful,
)
from communities.discussions.unread import with_unread_state
from communities.views.guards import community_view, refused
from cop_platform.permissions import can
from cop_platform.ratelimits import rate_limited

THREADS_PAGE_SIZE = 20
REPORTS_PAGE_SIZE = 20


def _thread(request, community, pk) -> Thread:
    thread = get_object_or_404(threads_as_shown_to(viewer=request.user), pk=pk, community=community)
    thread.community = community
    # Hidden content exists only for moderators.
    if thread.is_hidden and not can(request.user, "thread.moderate", thread):
        raise Http404
    return thread


def _post(request, community, pk) -> Post:
    post = get_object_or_404(
        Post.objects.select_related("thread__community", "author"),
        pk=pk,
        thread__community=community,
    )
    if (post.is_hidden or post.thread.is_hidden) and not can(request.user, "thread.moderate", post):
        raise Http404
    return post


def _own_post(request, community, pk) -> Post:
    """A reply the viewer may edit or delete (their own, in a writable CoP and thread)."""
    post = _post(request, community, pk)
    if not can(request.user, "post.edit", post):
        raise PermissionDenied
    return post


@community_view("discussion.read")
def thread_list(request, community):
    kind = request.GET.get("kind", "")
    show = request.GET.get("show", "")
    kind = kind if kind in ThreadKind.values else ""
    show = show if show in LIST_FILTERS else ""
    threads = threads_for(
        community=community,
        viewer=request.user,
        kind=kind,
        show=show,
        moderator=can(request.user, "thread.moderate", community),
    )
    if access_of(request.user).is_member(community.pk):
        threads = threads.annotate_both(lambda part: with_unread_state(part, viewer=request.user))
    page = Paginator(threads, THREADS_PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({key: value for key, value in (("kind", kind), ("show", show)) if value})
    context = {
        "community": community,
        "page": page,
        "kind": kind,
        "show": show,
        "kinds": ThreadKind.choices,
        "query": query,
    }
    return render(request, "communities/thread_list.html", context)


@community_view("thread.create")
@require_http_methods(["GET", "POST"])
@rate_limited("thread")
def thread_create(request, community):
    may_announce = can(request.user, "thread.announce", community)
    form = ThreadForm(request.POST or None, request.FILES or None, may_announce=may_announce)
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = render_markdown(form.cleaned_data["body"])
        else:
            thread = start_thread(actor=request.user, community=community, **form.cleaned_data)
            messages.success(request, _("Posted."))
            return redirect(thread)
    # An invalid form answers 422 with its messages, and nothing changed (SPEC §8); a preview
    # of a valid one is a 200.
    status = 422 if request.method == "POST" and preview is None else 200
    context = {"community": community, "form": form, "preview": preview}
    return render(request, "communities/thread_form.html", context, status=status)


@community_view("discussion.read")
def thread_detail(request, community, pk):
    thread = _thread(request, community, pk)
    if access_of(request.user).is_member(community.pk):
        # Read state is kept for members only: it is what their home page and unread markers
        # compare with. Up to the activity this page was loaded with, not "now": a reply
        # arriving while it renders stays new.
        mark_thread_read(reader=request.user, thread=thread, seen_at=thread.last_activity_at)
    return _thread_page(request, community, thread, page=request.GET.get("page"))


def _thread_page(request, community, thread, *, page, reply_form=None, status=200):
    """The thread page at `page` (a number from the query string, or "last")."""
    paginator = Paginator(replies_for(thread=thread, viewer=request.user), REPLIES_PAGE_SIZE)
    page = paginator.page(paginator.num_pages) if page == "last" else paginator.get_page(page)
    offer_actions(page.object_list, viewer=request.user, thread=thread)
    may_moderate = can(request.user, "thread.moderate", thread)
    may_accept = can(request.user, "thread.accept_answer", thread)
    add_attachments(page.object_list, thread=thread)
    add_reply_cards(
        page.object_list, thread=thread, may_moderate=may_moderate, may_accept=may_accept
    )
    context = {
        "community": community,
        "thread": thread,
        "page": page,
        "may_moderate": may_moderate,
        "may_accept": may_accept,
        "reply_form": reply_form or ReplyForm(),
        "following": thread.following,
    }
    return render(request, "communities/thread_detail.html", context, status=status)


@community_view("thread.reply")
@require_POST
@rate_limited("reply")
def thread_reply(request, community, pk):
    thread = _thread(request, community, pk)
    form = ReplyForm(request.POST, request.FILES)
    if not form.is_valid():
        # An invalid form answers 422 with its messages, and nothing changed (SPEC §8); the last
        # page is where the form and the newest replies are.
        return _thread_page(request, community, thread, page="last", reply_form=form, status=422)
    try:
        post = reply(actor=request.user, thread=thread, **form.cleaned_data)
    except DiscussionError as error:
        return refused(request, back_url=thread.get_absolute_url(), message=str(error), status=409)
    last_page = Paginator(Post.objects.filter(thread=thread), REPLIES_PAGE_SIZE).num_pages
    return redirect(f"{thread.get_absolute_url()}?page={last_page}#post-{post.pk}")


@community_view("discussion.read")
@require_http_methods(["GET", "POST"])
def thread_edit(request, community, pk):
    thread = _thread(request, community, pk)
    if not can(request.user, "post.edit", thread):
        raise PermissionDenied
    initial = {"title": thread.title, "body": thread.body}
    return _edit(request, community, thread, initial=initial, done_url=thread.get_absolute_url())


def _edit(request, community, target, *, initial, done_url):
    """The edit form of a thread's opening post or of a reply: its words and its files."""
    with_title = isinstance(target, Thread)
    form = EditForm(
        request.POST or None,
        request.FILES or None,
        with_title=with_title,
        current=attachments_on(target).only("pk", "name"),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            edit_post(actor=request.user, post=target, **form.cleaned_data)
        except TooManyFilesError as error:
            # Another edit added files after this form counted them; nothing was changed.
            form.add_error("attachments", str(error))
        else:
            messages.success(request, _("Changes saved."))
            return redirect(done_url)
    # An invalid form answers 422 with its messages, and nothing changed (SPEC §8).
    status = 422 if request.method == "POST" else 200
    context = {"community": community, "form": form, "target": target}
    return render(request, "communities/post_form.html", context, status=status)


@community_view("thread.follow")
@require_POST
def thread_follow(request, community, pk):
    thread = _thread(request, community, pk)
    follow = request.POST.get("follow") == "1"
    set_following(actor=request.user, thread=thread, follow=follow)
    messages.success(
        request,
        _("You follow this thread.") if follow else _("You no longer follow this thread."),
    )
    return redirect(thread)


@community_view("discussion.read")
@require_POST
def thread_accept(request, community, pk, post_pk):
    thread = _thread(request, community, pk)
    if not can(request.user, "thread.accept_answer", thread):
        raise PermissionDenied
    post = get_object_or_404(Post, pk=post_pk, thread=thread)
    try:
        accept_answer(actor=request.user, thread=thread, post=post)
    except DiscussionError as error:
        return refused(request, back_url=thread.get_absolute_url(), message=str(error), status=400)
    messages.success(request, _("Answer accepted."))
    return redirect(thread)


@community_view("discussion.read")
@require_POST
def thread_moderate(request, community, pk):
    thread = _thread(request, community, pk)
    return _moderate(request, thread, thread)


@community_view("discussion.read")
@require_POST
def post_moderate(request, community, pk):
    post = _post(request, community, pk)
    return _moderate(request, post, post.thread)


def _moderate(request, target, thread):
    if not can(request.user, "thread.moderate", target):
        raise PermissionDenied
    form = ModerationForm(request.POST)
    if not form.is_valid():
        return refused(
            request,
            back_url=thread.get_absolute_url(),
            message=_("Unknown moderation action."),
            status=400,
        )
    try:
        moderate(actor=request.user, target=target, **form.cleaned_data)
    except DiscussionError as error:
        return refused(request, back_url=thread.get_absolute_url(), message=str(error), status=400)
    messages.success(request, _("Done."))
    return redirect(thread)


@community_view("discussion.read")
@require_http_methods(["GET", "POST"])
def post_edit(request, community, pk):
    post = _post(request, community, pk)
    if post.deleted_at or not can(request.user, "post.edit", post):
        raise PermissionDenied
    done_url = f"{post.thread.get_absolute_url()}#post-{post.pk}"
    return _edit(request, community, post, initial={"body": post.body}, done_url=done_url)


@community_view("discussion.read")
@require_POST
def post_delete(request, community, pk):
    post = _own_post(request, community, pk)
    delete_post(actor=request.user, post=post)
    messages.success(request, _("Reply deleted."))
    return redirect(post.thread)


@community_view("discussion.read")
@require_GET
def post_delete_confirm(request, community, pk):
    """Asks before deleting, showing what goes: the reply's Delete leads here, the POST acts."""
    post = _own_post(request, community, pk)
    if post.deleted_at:
        messages.info(request, _("That reply was deleted already."))
        return redirect(f"{post.thread.get_absolute_url()}#post-{post.pk}")
    return render(request, "communities/post_delete.html", {"community": community, "post": post})


@community_view("discussion.read")
@require_POST
@vary_on_headers("HX-Request")
def post_helpful(request, community, pk):
    post = _post(request, community, pk)
    if post.deleted_at or not can(request.user, "post.react", post):
        raise PermissionDenied
    marked = toggle_helpful(actor=request.user, post=post)
    post.refresh_from_db(fields=["helpful_count"])
    post.marked_helpful = marked
    if request.htmx:
        offer_actions([post], viewer=request.user, thread=post.thread)
        return render(
            request,
            "communities/thread_detail.html#helpful-button",
            # The swapped-in button takes the focus back (htmx 2 focuses [autofocus] in new
            # content); a stable id would do it too, but htmx then settles the old classes onto
            # the new button and its colour transition fails the contrast check mid-way.
            {"community": community, "post": post, "refocus": True},
        )
    return redirect(f"{post.thread.get_absolute_url()}#post-{post.pk}")


@community_view("discussion.read")
@require_http_methods(["GET", "POST"])
@rate_limited("report")
def post_report(request, community, pk):
    post = _post(request, community, pk)
    if post.deleted_at or not can(request.user, "post.report", post):
        raise PermissionDenied
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        report_post(actor=request.user, post=post, reason=form.cleaned_data["reason"])
        messages.success(request, _("Thank you. The moderators will look at it."))
        return redirect(f"{post.thread.get_absolute_url()}#post-{post.pk}")
    # An invalid form answers 422 with its messages, and nothing changed (SPEC §8).
    status = 422 if request.method == "POST" else 200
    context = {"community": community, "form": form, "post": post}
    return render(request, "communities/report_form.html", context, status=status)


@community_view("thread.moderate")
def moderation_queue(request, community):
    page = Paginator(open_reports(community=community), REPORTS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"community": community, "page": page}
    return render(request, "communities/report_list.html", context)


@community_view("thread.moderate")
@require_POST
def report_resolve(request, community, pk):
    report = get_object_or_404(
        Report.objects.select_related("post__thread"), pk=pk, community=community
    )
    form = ResolveForm(request.POST)
    if not form.is_valid():
        return refused(
            request,
            back_url=report.post.thread.get_absolute_url(),
            message=_("Choose hide or dismiss."),
            status=400,
        )
    if report.status == ReportStatus.OPEN:
        hide = form.cleaned_data["decision"] == "hide"
        resolve_report(actor=request.user, report=report, hide=hide)
        messages.success(request, _("Reply hidden.") if hide else _("Report dismissed."))
    else:
        messages.info(request, _("That report was resolved already."))
    return redirect("communities:moderation", community.slug)


@community_view("discussion.read")
@require_POST
def thread_archive(request, community, pk):
    thread = _thread(request, community, pk)
    if not can(request.user, "thread.archive", thread):
        raise PermissionDenied
    archive = request.POST.get("archive") == "1"
    set_archived(actor=request.user, thread=thread, archived=archive)
    messages.success(
        request, _("Thread archived: it is read-only.") if archive else _("Thread reopened.")
    )
    return redirect(thread)
