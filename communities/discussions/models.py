from django.conf import settings
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.discussions.fan_out_events import fan_out_label
from cop_platform.search import SEARCH_CONFIG

MAX_BODY = 50_000


class ThreadKind(models.TextChoices):
    QUESTION = "question", _("Question")
    CASE_STUDY = "case_study", _("Case study")
    BEST_PRACTICE = "best_practice", _("Best practice")
    ANNOUNCEMENT = "announcement", _("Announcement")
    GENERAL = "general", _("General")


class Thread(models.Model):
    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="threads"
    )
    kind = models.CharField(_("kind"), max_length=15, choices=ThreadKind.choices)
    title = models.CharField(_("title"), max_length=200)
    # The opening post: Markdown as written, and the sanitised HTML shown.
    body = models.TextField(_("text"), max_length=MAX_BODY)
    body_html = models.TextField(editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="threads",
    )
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField(default=timezone.now)
    reply_count = models.PositiveIntegerField(default=0)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("why it is hidden"), max_length=300, blank=True)
    announcement_until = models.DateTimeField(
        _("keep the announcement on top until"), null=True, blank=True
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    accepted_answer = models.ForeignKey(
        "communities.Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Weighted title (A) and body (B), computed and stored by PostgreSQL on every write, so no
    # write path (bulk inserts, the demo seeder) can leave a thread unsearchable. Search reads
    # the copy a trigger keeps in the thread's SearchEntry, whose index it scans.
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("body", weight="B", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        ordering = ("-is_pinned", "-last_activity_at")
        indexes = (
            # The thread list below the threads on top, and a CoP page's latest threads: one
            # CoP's threads by activity, the id breaking ties as the list's order does.
            # The columns the list filters on ride along, so its page count reads the index
            # alone (an index-only scan) rather than every row of a large CoP.
            models.Index(
                fields=("community", "-last_activity_at", "-id"),
                include=("is_pinned", "is_hidden", "archived_at", "kind", "announcement_until"),
                name="thread_activity",
            ),
            # Pinned threads and announcements (the live ones among them go on top): few per
            # CoP, found without reading the CoP's other threads.
            models.Index(
                fields=("community",),
                condition=models.Q(is_pinned=True) | models.Q(kind=ThreadKind.ANNOUNCEMENT),
                name="thread_on_top",
            ),
        )

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("communities:thread", args=[self.community.slug, self.pk])

    @property
    def owning_community(self):
        """The CoP this belongs to: what every permission about it asks (communities/rules.py)."""
        return self.community


class Post(models.Model):
    """A reply in a thread. Deleting keeps the row (the thread keeps its shape)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="posts"
    )
    body = models.TextField(_("reply"), max_length=MAX_BODY)
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("why it is hidden"), max_length=300, blank=True)
    helpful_count = models.PositiveIntegerField(default=0)
    # The body only (B), stored by PostgreSQL; a soft-deleted reply's empty body matches nothing.
    # Search reads the copy in the reply's SearchEntry.
    search_vector = models.GeneratedField(
        expression=SearchVector("body", weight="B", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        ordering = ("created_at", "pk")
        indexes = (models.Index(fields=("thread", "created_at"), name="post_in_thread"),)

    def __str__(self) -> str:
        return f"Reply {self.pk} in {self.thread_id}"

    @property
    def owning_community(self):
        """The CoP this belongs to: what every permission about it asks (communities/rules.py)."""
        return self.thread.community


class Reaction(models.Model):
    """A member found a reply helpful (one per member and reply)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = (models.UniqueConstraint(fields=("post", "user"), name="one_reaction_each"),)

    def __str__(self) -> str:
        return f"{self.user_id} found {self.post_id} helpful"


class ThreadFollow(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_follows"
    )

    class Meta:
        constraints = (models.UniqueConstraint(fields=("thread", "user"), name="one_follow_each"),)

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.thread_id}"


class ThreadRead(models.Model):
    """How far one person has read one thread: the thread's last activity when they last opened
    it. A row exists only for a thread the person opened, so the table grows with reading, not
    with members x threads; "unread" is one comparison with the thread's `last_activity_at`.

    A timestamp rather than the last reply's id: a thread without replies has no reply to point
    at, and the thread row already carries the time of its newest reply."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_reads"
    )
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    last_seen_at = models.DateTimeField()

    class Meta:
        constraints = (models.UniqueConstraint(fields=("user", "thread"), name="one_read_each"),)

    def __str__(self) -> str:
        return f"{self.user_id} read {self.thread_id} up to {self.last_seen_at}"


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    HIDDEN = "hidden", _("Resolved: hidden")
    DISMISSED = "dismissed", _("Resolved: dismissed")


class Report(models.Model):
    """A member flags a reply for the moderators."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    # The reply's CoP, stored (a reply never changes CoP): the moderators' badge, on every page,
    # and each queue count a CoP's open reports from one index instead of joining every open
    # report on the platform through its reply and thread. Filled by save() from the reply.
    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="+", editable=False
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.CharField(_("what is wrong"), max_length=500)
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ("created_at",)
        constraints = (
            models.UniqueConstraint(
                fields=("post", "reporter"),
                condition=models.Q(status="open"),
                name="one_open_report_each",
            ),
        )
        indexes = (
            models.Index(
                fields=("community", "created_at"),
                condition=models.Q(status="open"),
                name="report_open_queue",
            ),
        )

    def __str__(self) -> str:
        return f"Report on {self.post_id} ({self.status})"

    def save(self, *args, **kwargs):
        if self.community_id is None:
            threads = Thread.objects.filter(posts=self.post_id)
            self.community_id = threads.values_list("community_id", flat=True).get()
        super().save(*args, **kwargs)

    @property
    def owning_community(self):
        """The CoP this belongs to: what every permission about it asks (communities/rules.py)."""
        return self.post.thread.community


class AnswerVisibility(models.TextChoices):
    ALL = "all", _("All members see the answers")
    LEADERS = "leaders", _("Only facilitators see the answers")


class Ping(models.Model):
    """One short question a leader asks every member, answered from an email link or the app."""

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="pings"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    question = models.CharField(_("question"), max_length=300)
    # Empty: members answer in their own words.
    choices = models.JSONField(_("choices"), default=list, blank=True)
    closes_at = models.DateTimeField(_("answers close"))
    answers_visible_to = models.CharField(
        _("who sees the answers"),
        max_length=10,
        choices=AnswerVisibility.choices,
        default=AnswerVisibility.ALL,
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return self.question

    def get_absolute_url(self) -> str:
        return reverse("communities:ping", args=[self.community.slug, self.pk])

    @property
    def is_open(self) -> bool:
        return self.closes_at > timezone.now()

    @property
    def owning_community(self):
        """The CoP this belongs to: what every permission about it asks (communities/rules.py)."""
        return self.community


class PingAnswer(models.Model):
    ping = models.ForeignKey(Ping, on_delete=models.CASCADE, related_name="answers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ping_answers"
    )
    choice = models.CharField(max_length=100, blank=True)
    text = models.TextField(max_length=1000, blank=True)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = (models.UniqueConstraint(fields=("ping", "user"), name="one_answer_each"),)

    def __str__(self) -> str:
        return f"{self.user_id} answered {self.ping_id}"


class FanOutEvent(models.TextChoices):
    THREAD = "thread", _("New thread (its mentions; every member for an announcement)")
    REPLY = "reply", _("New reply (followers and mentions)")
    PING = "ping", _("New ping (every member)")


class FanOut(models.Model):
    """An event whose readers a worker is still to tell, recorded in the write's transaction.

    The publish after commit may fail (the broker is down); the due-finder then hands over
    again what stayed undone, and the notifications' keys make a second run tell nobody twice."""

    # No `choices`: later apps add their own events (`register_fan_out`), and its label comes
    # from that registry (`event_label`), so communities never names them.
    event = models.CharField(_("event"), max_length=10)
    # The thread, reply or ping: an id, not a foreign key, so one table serves all three; a
    # fan-out whose object was deleted before it ran tells nobody and is marked done.
    object_id = models.PositiveBigIntegerField(_("object"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    enqueued_at = models.DateTimeField(_("last enqueued"), default=timezone.now)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("event", "object_id"), name="one_fan_out_each"),
        )
        indexes = (
            models.Index(
                fields=("enqueued_at",),
                condition=models.Q(done_at__isnull=True),
                name="fan_out_undone",
            ),
        )

    def __str__(self) -> str:
        return f"{self.event} {self.object_id}"

    @property
    def event_label(self) -> str:
        """The event as people read it (its registered label), as `get_FOO_display` would."""
        return fan_out_label(self.event)
