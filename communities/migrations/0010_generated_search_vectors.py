# Search vectors become columns PostgreSQL generates and stores itself, so no write path can
# leave a row unsearchable (the demo seeder and bulk inserts did). A plain column cannot be
# altered into a generated one: each is dropped (with the GIN index 0009 put on it) and re-added,
# and PostgreSQL computes every existing row's vector as it adds the column — the backfill.

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

# 0009 created these outside the migration state; undoing this migration puts them back.
OLD_GIN_INDEXES = {"thread_search_gin": "communities_thread", "post_search_gin": "communities_post"}


class Migration(migrations.Migration):

    dependencies = [
        ('communities', '0009_search_vectors'),
    ]

    operations = [
        migrations.RunSQL(
            sql=[f"DROP INDEX IF EXISTS {name}" for name in OLD_GIN_INDEXES],
            reverse_sql=[
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_vector)"
                for name, table in OLD_GIN_INDEXES.items()
            ],
        ),
        migrations.RemoveField(
            model_name='post',
            name='search_vector',
        ),
        migrations.RemoveField(
            model_name='thread',
            name='search_vector',
        ),
        migrations.AddField(
            model_name='post',
            name='search_vector',
            field=models.GeneratedField(db_persist=True, expression=django.contrib.postgres.search.SearchVector('body', config='english', weight='B'), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
        migrations.AddField(
            model_name='thread',
            name='search_vector',
            field=models.GeneratedField(db_persist=True, expression=django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('title', config='english', weight='A'), '||', django.contrib.postgres.search.SearchVector('body', config='english', weight='B'), django.contrib.postgres.search.SearchConfig('english')), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
        migrations.AddIndex(
            model_name='post',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search_vector'], name='post_search_gin'),
        ),
        migrations.AddIndex(
            model_name='thread',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search_vector'], name='thread_search_gin'),
        ),
    ]
