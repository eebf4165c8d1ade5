from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0005_cycle_retro')]

    initial = False

    operations = [
        ops.CreateModel(
            name='JobClaim',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('organization', fields.ForeignKeyField('models.Organization', source_field='organization_id', db_constraint=True, to_field='id', related_name='job_claims', on_delete=OnDelete.CASCADE)),
                ('job', fields.CharField(max_length=40)),
                ('period', fields.CharField(max_length=60)),
                ('recipient', fields.CharField(default='', max_length=40)),
                ('lease_until', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('owner', fields.CharField(default='', max_length=40)),
                ('done_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'job_claim', 'app': 'models', 'unique_together': (('organization', 'job', 'period', 'recipient'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ReachPreference',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('organization', fields.ForeignKeyField('models.Organization', source_field='organization_id', db_constraint=True, to_field='id', related_name='reach_preferences', on_delete=OnDelete.CASCADE)),
                ('user', fields.OneToOneField('models.User', source_field='user_id', db_constraint=True, to_field='id', related_name='reach_preference', on_delete=OnDelete.CASCADE)),
                ('channels', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('muted_until', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'reach_preference', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='WatchedStatus',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('organization', fields.ForeignKeyField('models.Organization', source_field='organization_id', db_constraint=True, to_field='id', related_name='watched', on_delete=OnDelete.CASCADE)),
                ('cycle_id', fields.IntField()),
                ('item', fields.CharField(max_length=24)),
                ('status', fields.CharField(max_length=12)),
                ('reasons', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('changed_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('version', fields.IntField(default=1)),
            ],
            options={'table': 'watched_status', 'app': 'models', 'unique_together': (('organization', 'item'),), 'indexes': [Index(fields=['organization_id', 'cycle_id'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Webhook',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('organization', fields.ForeignKeyField('models.Organization', source_field='organization_id', db_constraint=True, to_field='id', related_name='webhooks', on_delete=OnDelete.CASCADE)),
                ('team', fields.ForeignKeyField('models.Team', source_field='team_id', db_constraint=True, to_field='id', related_name='webhooks', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharField(max_length=10)),
                ('name', fields.CharField(default='', max_length=100)),
                ('url', fields.CharField(max_length=500)),
                ('secret', fields.CharField(default='', max_length=200)),
                ('locale', fields.CharField(default='zh-CN', max_length=8)),
                ('warnings', fields.BooleanField(default=True)),
                ('reminders', fields.BooleanField(default=True)),
                ('paused_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('failures', fields.IntField(default=0)),
                ('last_error', fields.CharField(default='', max_length=300)),
                ('last_sent_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('tested_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_by', fields.ForeignKeyField('models.User', source_field='created_by_id', null=True, db_constraint=True, to_field='id', related_name='webhooks', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'webhook', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='OutboxMessage',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('organization', fields.ForeignKeyField('models.Organization', source_field='organization_id', db_constraint=True, to_field='id', related_name='outbox', on_delete=OnDelete.CASCADE)),
                ('key', fields.CharField(unique=True, max_length=200)),
                ('channel', fields.CharField(max_length=10)),
                ('user', fields.ForeignKeyField('models.User', source_field='user_id', null=True, db_constraint=True, to_field='id', related_name='outbox', on_delete=OnDelete.CASCADE)),
                ('webhook', fields.ForeignKeyField('models.Webhook', source_field='webhook_id', null=True, db_constraint=True, to_field='id', related_name='outbox', on_delete=OnDelete.CASCADE)),
                ('message', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('state', fields.CharField(default='PENDING', max_length=8)),
                ('attempts', fields.IntField(default=0)),
                ('next_attempt_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('lease_until', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('lease_owner', fields.CharField(default='', max_length=40)),
                ('last_error', fields.CharField(default='', max_length=300)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('sent_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'outbox_message', 'app': 'models', 'indexes': [Index(fields=['state', 'next_attempt_at'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Organization',
            name='digest_minute',
            field=fields.IntField(default=540, db_default=540),
        ),
        ops.AddField(
            model_name='Organization',
            name='digest_weekday',
            field=fields.IntField(default=1, db_default=1),
        ),
        ops.AddField(
            model_name='Organization',
            name='milestone_days',
            field=fields.IntField(default=3, db_default=3),
        ),
        ops.AddField(
            model_name='Organization',
            name='reminder_minute',
            field=fields.IntField(default=960, db_default=960),
        ),
        ops.AddField(
            model_name='Organization',
            name='reminder_weekday',
            field=fields.IntField(default=5, db_default=5),
        ),
        ops.AddField(
            model_name='Organization',
            name='time_zone',
            field=fields.CharField(null=True, max_length=64),
        ),
    ]
