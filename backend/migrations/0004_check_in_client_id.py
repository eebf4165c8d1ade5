from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields
from tortoise.migrations.constraints import UniqueConstraint

class Migration(migrations.Migration):
    dependencies = [('models', '0003_chain_indexes')]

    initial = False

    operations = [
        ops.AddField(
            model_name='CheckIn',
            name='client_id',
            field=fields.CharField(null=True, max_length=64),
        ),
        ops.AddConstraint(
            model_name='CheckIn',
            constraint=UniqueConstraint(fields=('author', 'client_id'), name=None),
        ),
    ]
