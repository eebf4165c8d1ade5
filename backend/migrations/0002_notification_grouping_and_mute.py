from tortoise import migrations
from tortoise.migrations import operations as ops
from backend.domain.enums import NotificationKind
from orjson import loads
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0001_initial')]

    initial = False

    operations = [
        ops.AlterField(
            model_name='Notification',
            name='kind',
            field=fields.CharEnumField(description='MENTION: MENTION\nASSIGNMENT: ASSIGNMENT\nCOMMENT: COMMENT\nWARNING: WARNING\nREMINDER: REMINDER\nLIKE: LIKE\nREVIEW: REVIEW\nCOLLABORATOR: COLLABORATOR\nSTATUS: STATUS', enum_type=NotificationKind, max_length=12),
        ),
        ops.AddField(
            model_name='Notification',
            name='count',
            field=fields.IntField(default=1),
        ),
        ops.AddField(
            model_name='User',
            name='muted_notification_kinds',
            field=fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads),
        ),
    ]
