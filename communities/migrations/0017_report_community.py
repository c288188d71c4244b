"""Reports store their reply's CoP (filled from the reply's thread for existing rows), so the
moderators' badge and queues count a CoP's open reports from one index."""

import django.db.models.deletion
from django.db import migrations, models

FILL = """
UPDATE communities_report AS report
SET community_id = thread.community_id
FROM communities_post AS post
JOIN communities_thread AS thread ON thread.id = post.thread_id
WHERE post.id = report.post_id
"""


class Migration(migrations.Migration):
    dependencies = [
        ("communities", "0016_thread_list_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="community",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="communities.community",
            ),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
        migrations.AlterField(
            model_name="report",
            name="community",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="communities.community",
            ),
        ),
        migrations.AddIndex(
            model_name="report",
            index=models.Index(
                condition=models.Q(("status", "open")),
                fields=["community", "created_at"],
                name="report_open_queue",
            ),
        ),
    ]
