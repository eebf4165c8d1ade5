"""The schema: each area contributes a Query and a Mutation type, merged here."""

from functools import cache
from typing import Any

import strawberry
from graphql import ASTValidationRule, GraphQLError, specified_rules
from strawberry.extensions import MaxAliasesLimiter, QueryDepthLimiter
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from ..settings import Settings
from .admin.mutations import AdminMutation
from .admin.queries import AdminQuery
from .cycle.mutations import CycleMutation
from .cycle.queries import CycleQuery
from .dashboard.queries import DashboardQuery
from .engine.cost import cost_limit
from .engine.execution import FastExecutor
from .engine.operations import NoNulInStrings, OperationChecks
from .engine.sharing import install
from .hints.queries import HintsQuery
from .live.queries import LiveQuery
from .live.subscriptions import LiveSubscription
from .meeting.mutations import MeetingMutation
from .meeting.queries import MeetingQuery
from .meeting.subscriptions import MeetingSubscription
from .okr.mutations import OkrMutation
from .okr.queries import OkrQuery
from .org.mutations import OrgMutation
from .org.queries import OrgQuery
from .reach.mutations import ReachMutation
from .reach.queries import ReachQuery
from .sso.schema import SsoMutation, SsoQuery
from .work.mutations import WorkMutation
from .work.queries import WorkQuery
from .work.subscriptions import WorkSubscription

# Deep enough for the board's `children` nesting well past any real alignment chain.
MAX_DEPTH = 30
# fields a query may be estimated to resolve (engine/cost.py; LODESTAR_MAX_QUERY_COST)
DEFAULT_MAX_COST = Settings.max_query_cost
# a document of more tokens is refused by the parser, before it is built
MAX_TOKENS = 5000

Query = merge_types(
    "Query",
    (
        OrgQuery,
        OkrQuery,
        WorkQuery,
        CycleQuery,
        LiveQuery,
        HintsQuery,
        ReachQuery,
        MeetingQuery,
        DashboardQuery,
        SsoQuery,
        AdminQuery,
    ),
)
Mutation = merge_types(
    "Mutation",
    (
        OrgMutation,
        OkrMutation,
        WorkMutation,
        CycleMutation,
        ReachMutation,
        MeetingMutation,
        SsoMutation,
        AdminMutation,
    ),
)
Subscription = merge_types(
    "Subscription", (LiveSubscription, WorkSubscription, MeetingSubscription)
)


class LodestarSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Logged by the view with the request id (user errors are not logged at all)."""


def build_schema(max_cost: int = DEFAULT_MAX_COST, **kwargs: Any) -> LodestarSchema:
    """A schema of the app's types; `execution_context_class=None` gives strawberry's stock
    executor (the tests compare the two). Queries estimated to cost more than `max_cost`
    fields are refused before they run."""
    kwargs.setdefault("execution_context_class", FastExecutor)
    # the depth and alias limits' rules are made once here: their extensions make a new rule
    # class per operation, and a live subscription keeps its operation's for as long as it
    # runs (~5 KiB of class objects per idle socket); graphql's own rules first, as strawberry
    # would give them, in one tuple every operation shares
    rules: tuple[type[ASTValidationRule], ...] = (
        *specified_rules,
        *QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
        *MaxAliasesLimiter(max_alias_count=50).validation_rules,
        cost_limit(max_cost),
        NoNulInStrings,
    )
    return LodestarSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=[lambda: OperationChecks(MAX_TOKENS, rules)],
        **kwargs,
    )


@cache
def app_schema(stock_executor: bool = False, max_cost: int = DEFAULT_MAX_COST) -> LodestarSchema:
    """The schema the app serves, built on first use (a process builds the one its settings
    ask for): the fast executor, with subscribers asking the same selection of the same event
    sharing one result (engine/sharing.py); or, with `stock_executor`
    (LODESTAR_STOCK_EXECUTOR=1), strawberry's own executor and nothing of the engine's."""
    if stock_executor:
        return build_schema(max_cost, execution_context_class=None)
    schema = build_schema(max_cost)
    install(schema)
    return schema
