from tortoise import migrations
from tortoise.migrations import operations as ops
from backend.domain.enums import NotificationKind
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
            name='Lessons',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('organization', fields.ForeignKeyField('models.Organization', source_field='organization_id', db_constraint=True, to_field='id', related_name='lessons', on_delete=OnDelete.CASCADE)),
                ('objective', fields.OneToOneField('models.Objective', source_field='objective_id', db_constraint=True, to_field='id', related_name='lessons', on_delete=OnDelete.CASCADE)),
                ('went_well', fields.TextField(default='', unique=False)),
                ('to_improve', fields.TextField(default='', unique=False)),
                ('to_carry_on', fields.TextField(default='', unique=False)),
                ('version', fields.IntField(default=1)),
                ('updated_by', fields.ForeignKeyField('models.User', source_field='updated_by_id', null=True, db_constraint=True, to_field='id', related_name='lessons_written', on_delete=OnDelete.SET_NULL)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'lessons', 'app': 'models', 'pk_attr': 'id', 'table_description': "An objective's lessons: what went well, what to improve, what to carry on."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Like',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('organization', fields.ForeignKeyField('models.Organization', source_field='organization_id', db_constraint=True, to_field='id', related_name='likes', on_delete=OnDelete.CASCADE)),
                ('user', fields.ForeignKeyField('models.User', source_field='user_id', db_constraint=True, to_field='id', related_name='likes', on_delete=OnDelete.CASCADE)),
                ('objective', fields.ForeignKeyField('models.Objective', source_field='objective_id', db_constraint=True, to_field='id', related_name='likes', on_delete=OnDelete.CASCADE)),
                ('target_type', fields.CharField(max_length=12)),
                ('target_id', fields.IntField()),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'item_like', 'app': 'models', 'unique_together': (('user', 'target_type', 'target_id'),), 'indexes': [Index(fields=['target_type', 'target_id'])], 'pk_attr': 'id', 'table_description': "One person's like of an objective, key result, check-in or comment."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PeerReview',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('organization', fields.ForeignKeyField('models.Organization', source_field='organization_id', db_constraint=True, to_field='id', related_name='peer_reviews', on_delete=OnDelete.CASCADE)),
                ('objective', fields.ForeignKeyField('models.Objective', source_field='objective_id', db_constraint=True, to_field='id', related_name='peer_reviews', on_delete=OnDelete.CASCADE)),
                ('key_result', fields.ForeignKeyField('models.KeyResult', source_field='key_result_id', db_constraint=True, to_field='id', related_name='peer_reviews', on_delete=OnDelete.CASCADE)),
                ('reviewer', fields.ForeignKeyField('models.User', source_field='reviewer_id', db_constraint=True, to_field='id', related_name='peer_reviews', on_delete=OnDelete.CASCADE)),
                ('score', fields.FloatField()),
                ('comment', fields.TextField(default='', unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'peer_review', 'app': 'models', 'unique_together': (('key_result', 'reviewer'),), 'indexes': [Index(fields=['objective_id'])], 'pk_attr': 'id', 'table_description': "One reviewer's score and comment on one key result (editable, one per reviewer)."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ReviewerChoice',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('organization', fields.ForeignKeyField('models.Organization', source_field='organization_id', db_constraint=True, to_field='id', related_name='reviewer_choices', on_delete=OnDelete.CASCADE)),
                ('objective', fields.ForeignKeyField('models.Objective', source_field='objective_id', db_constraint=True, to_field='id', related_name='reviewer_choices', on_delete=OnDelete.CASCADE)),
                ('reviewer', fields.ForeignKeyField('models.User', source_field='reviewer_id', db_constraint=True, to_field='id', related_name='review_duties', on_delete=OnDelete.CASCADE)),
                ('chosen_by', fields.ForeignKeyField('models.User', source_field='chosen_by_id', null=True, db_constraint=True, to_field='id', related_name='reviewers_chosen', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'reviewer_choice', 'app': 'models', 'unique_together': (('objective', 'reviewer'),), 'pk_attr': 'id', 'table_description': "Someone asked to review an objective's key results."},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='KeyResult',
            name='score_reason',
            field=fields.CharField(default='', db_default='', max_length=500),
        ),
        ops.AddField(
            model_name='KeyResult',
            name='scored_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='KeyResult',
            name='scored_by',
            field=fields.ForeignKeyField('models.User', source_field='scored_by_id', null=True, db_constraint=True, to_field='id', related_name='scored_key_results', on_delete=OnDelete.SET_NULL),
        ),
        ops.AlterField(
            model_name='Notification',
            name='kind',
            field=fields.CharEnumField(description='MENTION: MENTION\nASSIGNMENT: ASSIGNMENT\nCOMMENT: COMMENT\nWARNING: WARNING\nREMINDER: REMINDER\nLIKE: LIKE\nREVIEW: REVIEW\nCOLLABORATOR: COLLABORATOR\nSTATUS: STATUS\nPHASE: PHASE\nREVIEW_ASKED: REVIEW_ASKED', enum_type=NotificationKind, max_length=12),
        ),
        ops.AddField(
            model_name='Notification',
            name='cycle',
            field=fields.ForeignKeyField('models.Cycle', source_field='cycle_id', null=True, db_constraint=True, to_field='id', related_name='notifications', on_delete=OnDelete.CASCADE),
        ),
        ops.AddField(
            model_name='Notification',
            name='detail',
            field=fields.JSONField(null=True, encoder=JSON_DUMPS, decoder=loads),
        ),
        ops.AddField(
            model_name='Objective',
            name='committed_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='Objective',
            name='committed_by',
            field=fields.ForeignKeyField('models.User', source_field='committed_by_id', null=True, db_constraint=True, to_field='id', related_name='commitments', on_delete=OnDelete.SET_NULL),
        ),
    ]
