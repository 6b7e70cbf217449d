from django.db import migrations, models
from django.db.models import Q


class Migration(migrations.Migration):
    """The code says "municipality" for the registry's towns: a transfer's town of origin is `origin_municipality`."""

    dependencies = [
        ("outcomes", "0001_initial"),
        ("registry", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="transfer", name="transfer_between_two_towns"),
        migrations.RenameField(model_name="transfer", old_name="origin", new_name="origin_municipality"),
        migrations.AddConstraint(
            model_name="transfer",
            constraint=models.CheckConstraint(
                condition=~Q(municipality=models.F("origin_municipality")), name="transfer_between_two_towns"
            ),
        ),
    ]
