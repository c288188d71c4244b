"""Search entries (communities/discussions/search_entries.py): one narrow row per findable thread
or reply, kept by triggers on both tables and filled here from the existing posts, oldest first,
so the highest entry ids are the newest posts. The posts' own GIN indexes go: search reads the
entries' index instead."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

# Triggers rather than services: they also cover bulk_create, queryset updates and the scale
# seeder's COPY, as the generated vectors they copy do. Each fires only on the columns it reads,
# so a thread's activity counters, bumped by every reply, rewrite no entry.
TRIGGERS = """
CREATE FUNCTION communities_post_search_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.is_hidden OR NEW.deleted_at IS NOT NULL THEN
        DELETE FROM communities_searchentry WHERE post_id = NEW.id;
    ELSE
        -- A reply in a hidden thread gets no entry; restoring the thread adds it.
        INSERT INTO communities_searchentry (thread_id, post_id, community_id, search_vector)
        SELECT thread.id, NEW.id, thread.community_id, NEW.search_vector
        FROM communities_thread AS thread
        WHERE thread.id = NEW.thread_id AND NOT thread.is_hidden
        ON CONFLICT (post_id) DO UPDATE SET search_vector = EXCLUDED.search_vector;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER post_search_entry
AFTER INSERT OR UPDATE OF body, is_hidden, deleted_at ON communities_post
FOR EACH ROW EXECUTE FUNCTION communities_post_search_entry();

CREATE FUNCTION communities_thread_search_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.is_hidden THEN
        -- A hidden thread's replies leave search with it.
        DELETE FROM communities_searchentry WHERE thread_id = NEW.id;
        RETURN NULL;
    END IF;
    INSERT INTO communities_searchentry (thread_id, post_id, community_id, search_vector)
    VALUES (NEW.id, NULL, NEW.community_id, NEW.search_vector)
    ON CONFLICT (thread_id) WHERE post_id IS NULL
    DO UPDATE SET search_vector = EXCLUDED.search_vector, community_id = EXCLUDED.community_id;
    IF TG_OP = 'UPDATE' AND OLD.is_hidden THEN
        -- Restored: its findable replies come back.
        INSERT INTO communities_searchentry (thread_id, post_id, community_id, search_vector)
        SELECT NEW.id, reply.id, NEW.community_id, reply.search_vector
        FROM communities_post AS reply
        WHERE reply.thread_id = NEW.id AND NOT reply.is_hidden AND reply.deleted_at IS NULL
        ORDER BY reply.id
        ON CONFLICT (post_id) DO NOTHING;
    ELSIF TG_OP = 'UPDATE' AND OLD.community_id <> NEW.community_id THEN
        UPDATE communities_searchentry SET community_id = NEW.community_id
        WHERE thread_id = NEW.id;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER thread_search_entry
AFTER INSERT OR UPDATE OF title, body, is_hidden, community_id ON communities_thread
FOR EACH ROW EXECUTE FUNCTION communities_thread_search_entry();
"""

DROP_TRIGGERS = """
DROP TRIGGER post_search_entry ON communities_post;
DROP FUNCTION communities_post_search_entry();
DROP TRIGGER thread_search_entry ON communities_thread;
DROP FUNCTION communities_thread_search_entry();
"""

# The triggers exist first: creating them locks both tables against writes until this
# migration commits, so no post is written between the fill's snapshot and the triggers.
FILL = """
INSERT INTO communities_searchentry (thread_id, post_id, community_id, search_vector)
SELECT thread_id, post_id, community_id, search_vector FROM (
    SELECT thread.id AS thread_id, NULL::bigint AS post_id, thread.community_id,
           thread.search_vector, thread.created_at
    FROM communities_thread AS thread
    WHERE NOT thread.is_hidden
    UNION ALL
    SELECT reply.thread_id, reply.id, thread.community_id, reply.search_vector, reply.created_at
    FROM communities_post AS reply
    JOIN communities_thread AS thread ON thread.id = reply.thread_id
    WHERE NOT thread.is_hidden AND NOT reply.is_hidden AND reply.deleted_at IS NULL
) AS findable
ORDER BY created_at, post_id NULLS FIRST, thread_id
"""


class Migration(migrations.Migration):
    dependencies = [
        ("communities", "0017_report_community"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("search_vector", django.contrib.postgres.search.SearchVectorField()),
                (
                    "community",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="communities.community",
                    ),
                ),
                (
                    "post",
                    models.ForeignKey(
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="communities.post",
                    ),
                ),
                (
                    "thread",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="communities.thread",
                    ),
                ),
            ],
        ),
        migrations.RunSQL(TRIGGERS, DROP_TRIGGERS),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
        # Built after the fill: one sorted build instead of a million inserts into each.
        migrations.AddConstraint(
            model_name="searchentry",
            constraint=models.UniqueConstraint(fields=("post",), name="search_entry_of_reply"),
        ),
        migrations.AddConstraint(
            model_name="searchentry",
            constraint=models.UniqueConstraint(
                condition=models.Q(("post__isnull", True)),
                fields=("thread",),
                name="search_entry_of_thread",
            ),
        ),
        migrations.AddIndex(
            model_name="searchentry",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="search_entry_gin"
            ),
        ),
        migrations.RemoveIndex(model_name="post", name="post_search_gin"),
        migrations.RemoveIndex(model_name="thread", name="thread_search_gin"),
    ]
