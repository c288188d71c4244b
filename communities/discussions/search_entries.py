"""What search reads: one narrow row per findable thread or reply, kept by PostgreSQL.

A common pair of words matches thousands of posts, and ranking the newest of them read one wide
row per match (body, HTML and vector together: about 740 bytes a reply, 1.4 KB a thread) and
joined every reply to its thread to learn its CoP and whether the thread is hidden. An entry
holds only what search filters and ranks on — the CoP, the vector: about 360 bytes, so a page of
the table holds twice as many replies, four times as many threads, and no join is needed; both
kinds are searched by one index in one scan.

An entry exists only while its post may be found: a hidden thread, a hidden or deleted reply and
every reply of a hidden thread have none. Triggers keep that true for whatever writes a thread or
a reply — services, `bulk_create`, the scale seeder's COPY — as the stored vectors already are
(migration 0018 holds them). The vector is copied from the post's generated column, so a
thread's title keeps its weight (A) above its body (B), and ranks compare across kinds.

Entries are numbered as they are written, so the highest ids are the newest posts (or the most
recently restored): search ranks only the newest matches of a common pair.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    thread = models.ForeignKey("communities.Thread", on_delete=models.CASCADE, related_name="+")
    # Empty for the thread's opening post.
    post = models.ForeignKey(
        "communities.Post", on_delete=models.CASCADE, null=True, related_name="+", db_index=False
    )
    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    search_vector = SearchVectorField()

    class Meta:
        constraints = (
            # The triggers' upserts name these: one entry per reply, one per opening post.
            models.UniqueConstraint(fields=("post",), name="search_entry_of_reply"),
            models.UniqueConstraint(
                fields=("thread",),
                condition=models.Q(post__isnull=True),
                name="search_entry_of_thread",
            ),
        )
        indexes = (GinIndex(fields=("search_vector",), name="search_entry_gin"),)

    def __str__(self) -> str:
        return f"Search entry of {self.post_id or self.thread_id}"
