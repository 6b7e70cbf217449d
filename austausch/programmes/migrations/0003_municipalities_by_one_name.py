from django.db import migrations


class Migration(migrations.Migration):
    """The code says "municipality" for the registry's towns, as the model does."""

    dependencies = [
        ("programmes", "0002_meeting_files_and_organisations_present"),
    ]

    operations = [
        migrations.RenameField(model_name="meeting", old_name="host_towns", new_name="host_municipalities"),
        migrations.RenameField(model_name="network", old_name="members", new_name="municipalities"),
        migrations.RenameField(model_name="cost", old_name="town", new_name="municipality"),
        migrations.RenameField(model_name="cost", old_name="town_share", new_name="municipality_share"),
    ]
