from django.db import migrations


def name_the_site(apps, schema_editor):
    # allauth puts the site's name in its emails; "example.com" would confuse recipients.
    Site = apps.get_model("sites", "Site")
    Site.objects.update_or_create(
        pk=1, defaults={"domain": "localhost", "name": "CoP Platform"}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("communities", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(name_the_site, migrations.RunPython.noop)]
