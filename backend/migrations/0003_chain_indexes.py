from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0002_notification_grouping_and_mute')]

    initial = False

    operations = [
        ops.AddIndex(
            model_name='KeyResult',
            index=Index(fields=['objective_id', 'position']),
        ),
        ops.AddIndex(
            model_name='Objective',
            index=Index(fields=['parent_id']),
        ),
        ops.AddIndex(
            model_name='Objective',
            index=Index(fields=['source_key_result_id']),
        ),
        ops.AddIndex(
            model_name='Task',
            index=Index(fields=['key_result_id', 'status']),
        ),
    ]
