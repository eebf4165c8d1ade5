from tortoise import migrations
from tortoise.migrations import operations as ops
from backend.domain.enums import MeetingKind, MeetingState
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0004_check_in_client_id')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Meeting',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('organization', fields.ForeignKeyField('models.Organization', source_field='organization_id', db_constraint=True, to_field='id', related_name='meetings', on_delete=OnDelete.CASCADE)),
                ('cycle', fields.ForeignKeyField('models.Cycle', source_field='cycle_id', db_constraint=True, to_field='id', related_name='meetings', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharEnumField(description='ROUNDTABLE: ROUNDTABLE\nCONSENSUS: CONSENSUS\nPROGRESS: PROGRESS\nRETROSPECTIVE: RETROSPECTIVE', enum_type=MeetingKind, max_length=16)),
                ('team', fields.ForeignKeyField('models.Team', source_field='team_id', null=True, db_constraint=True, to_field='id', related_name='meetings', on_delete=OnDelete.RESTRICT)),
                ('state', fields.CharEnumField(default=MeetingState.SCHEDULED, description='SCHEDULED: SCHEDULED\nLIVE: LIVE\nENDED: ENDED', enum_type=MeetingState, max_length=10)),
                ('starts_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('started_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('ended_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('facilitator', fields.ForeignKeyField('models.User', source_field='facilitator_id', db_constraint=True, to_field='id', related_name='facilitated_meetings', on_delete=OnDelete.RESTRICT)),
                ('creator', fields.ForeignKeyField('models.User', source_field='creator_id', db_constraint=True, to_field='id', related_name='created_meetings', on_delete=OnDelete.RESTRICT)),
                ('attendees', fields.ManyToManyField('models.User', unique=True, db_constraint=True, through='meeting_attendee', forward_key='user_id', backward_key='meeting_id', related_name='attended_meetings', on_delete=OnDelete.CASCADE)),
                ('agenda', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('agenda_built_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('agenda_since', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('item_seconds', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('focus_item', fields.CharField(null=True, max_length=64)),
                ('focus_objective_id', fields.IntField(null=True)),
                ('focus_opened_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('notes', fields.TextField(default='', unique=False)),
                ('notes_version', fields.IntField(default=0)),
                ('notes_edited_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('notes_edited_by', fields.ForeignKeyField('models.User', source_field='notes_edited_by_id', null=True, db_constraint=True, to_field='id', related_name='meeting_notes', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'meeting', 'app': 'models', 'indexes': [Index(fields=['organization_id', 'cycle_id'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='MeetingDecision',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('organization', fields.ForeignKeyField('models.Organization', source_field='organization_id', db_constraint=True, to_field='id', related_name='meeting_decisions', on_delete=OnDelete.CASCADE)),
                ('meeting', fields.ForeignKeyField('models.Meeting', source_field='meeting_id', db_constraint=True, to_field='id', related_name='decisions', on_delete=OnDelete.CASCADE)),
                ('author', fields.ForeignKeyField('models.User', source_field='author_id', db_constraint=True, to_field='id', related_name='meeting_decisions', on_delete=OnDelete.RESTRICT)),
                ('text', fields.TextField(unique=False)),
                ('objective', fields.ForeignKeyField('models.Objective', source_field='objective_id', null=True, db_constraint=True, to_field='id', related_name='meeting_decisions', on_delete=OnDelete.CASCADE)),
                ('agenda_item', fields.CharField(null=True, max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('edited_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'meeting_decision', 'app': 'models', 'indexes': [Index(fields=['meeting_id', 'id'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Task',
            name='meeting',
            field=fields.ForeignKeyField('models.Meeting', source_field='meeting_id', null=True, db_constraint=True, to_field='id', related_name='action_items', on_delete=OnDelete.SET_NULL),
        ),
        ops.AddIndex(
            model_name='Task',
            index=Index(fields=['meeting_id']),
        ),
    ]
