from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields
from tortoise.migrations.constraints import UniqueConstraint

class Migration(migrations.Migration):
    dependencies = [('models', '0007_meetings')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Comment',
            name='client_id',
            field=fields.CharField(null=True, max_length=64),
        ),
        ops.AddConstraint(
            model_name='Comment',
            constraint=UniqueConstraint(fields=('author', 'client_id'), name=None),
        ),
        ops.AddField(
            model_name='KeyResult',
            name='version',
            field=fields.IntField(default=1, db_default=1),
        ),
        ops.AddField(
            model_name='Task',
            name='client_id',
            field=fields.CharField(null=True, max_length=64),
        ),
        ops.AddConstraint(
            model_name='Task',
            constraint=UniqueConstraint(fields=('creator', 'client_id'), name=None),
        ),
    ]
