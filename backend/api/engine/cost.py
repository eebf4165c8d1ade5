"""What a query would cost, estimated before it runs: the number of fields it would resolve,
counting each list's fan-out. Depth, alias and token limits each let through a 389-character
query nesting `keyResults { objective { keyResults … } }` ten deep, which resolves a key
result's siblings again at every level (~5¹⁰ fields, 18 s of CPU with every other request
waiting). Its estimate is in the millions; the web app's own operations are a few thousand to
~150,000 (`tests/security/test_query_cost.py` holds them under a fifth of the budget).

The estimate: a field costs 1 for every instance of its parent; a list multiplies what is
selected under it by its expected size — the `first` argument when the query gives it as a
number, else the size declared below for that field (realistic for a large organization),
else `DEFAULT_LIST_SIZE`; introspection lists take their sizes from the schema itself. One
exception keeps the board affordable at any depth: `children` below a list of distinct
objectives (`board`, `objectives`, `children` again) does not multiply, because one level of
the alignment tree holds at most the cycle's objectives; after any other field (`parent`, a
key result's `objective`, …) the objectives may repeat and `children` multiplies like any list.

Cost is linear in the number of parent instances, so each fragment's cost per instance is
computed once: the estimate takes time proportional to the document, not to its expansion.
"""

from math import ceil
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLNamedType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    TypeInfo,
    ValidationContext,
    ValidationRule,
    get_named_type,
    get_nullable_type,
    is_list_type,
)
from graphql.type.introspection import SchemaMetaFieldDef, TypeMetaFieldDef

from ...domain.errors import InvalidInput

DEFAULT_LIST_SIZE = 10
# Expected sizes of the lists that can be long, as "Type.field" (a large organization's).
LIST_SIZES: dict[str, int] = {
    "Query.board": 500,
    "Query.objectives": 500,
    "Query.people": 500,
    "Query.teams": 50,
    "Query.cycles": 20,
    "Query.notifications": 50,
    "Query.tasks": 50,
    "Query.activity": 30,
    "Query.comments": 50,
    "Query.meetings": 20,
    "Query.writingHints": 5,
    "Dashboard.objectives": 500,
    "StatusCount.objectives": 500,
    "ProgressBucket.objectives": 500,
    "ObjectiveBucket.objectives": 500,
    "ScoreBucket.keyResults": 500,
    "KeyResultBucket.keyResults": 500,
    "ScoringSheet.objectives": 500,
    "Consensus.uncommitted": 100,
    "Consensus.unaligned": 100,
    "Consensus.weightsOff": 100,
    "Consensus.uncoveredKeyResults": 100,
    "Consensus.uncommittedOwners": 100,
    "FreshnessBucket.people": 100,
    "Objective.children": 3,
    "Objective.keyResults": 5,
    "Objective.reviewers": 3,
    "Objective.hints": 3,
    "KeyResult.checkIns": 20,
    "KeyResult.alignedObjectives": 3,
    "KeyResult.peerReviews": 3,
    "KeyResult.hints": 3,
    "ObjectiveSummary.keyResults": 5,
    "Meeting.agenda": 50,
    "Meeting.actionItems": 20,
}
# lists of distinct objectives: `children` below them descends one level of the tree
_DISTINCT_OBJECTIVES = frozenset({"Query.board", "Query.objectives", "Objective.children"})
_TREE_DESCENT = "Objective.children"
# past this nothing is counted any more (keeps the numbers small)
_CEILING = 10**12


def introspection_sizes(schema: GraphQLSchema) -> dict[str, int]:
    """The introspection lists' sizes, from the schema: all of its types, and per type the
    mean number of fields, arguments, enum values… among the types that have them."""
    types = list(schema.type_map.values())

    def mean(counts: list[int]) -> int:
        counts = [c for c in counts if c]
        return max(1, ceil(sum(counts) / len(counts))) if counts else 1

    fields = [list(getattr(t, "fields", {}).values()) for t in types]
    return {
        "__Schema.types": len(types),
        "__Schema.directives": len(schema.directives),
        "__Type.fields": mean([len(f) for f in fields]),
        "__Type.inputFields": mean([len(f) for f in fields]),
        "__Type.enumValues": mean([len(getattr(t, "values", {})) for t in types]),
        "__Type.interfaces": mean([len(getattr(t, "interfaces", ())) for t in types]),
        "__Type.possibleTypes": mean([len(getattr(t, "types", ())) for t in types]),
        "__Field.args": mean([len(x.args) for f in fields for x in f if hasattr(x, "args")]),
        "__Directive.args": mean([len(d.args) for d in schema.directives]),
    }


class CostEstimate:
    """The estimated cost of a document's operations in one schema."""

    def __init__(self, schema: GraphQLSchema, context: ValidationContext) -> None:
        self.schema = schema
        self.context = context
        self.sizes = {**introspection_sizes(schema), **LIST_SIZES}
        self._fragments: dict[tuple[str, bool], int] = {}
        self._open: set[str] = set()  # fragments being counted (cycles are another rule's)

    def operation(self, node: OperationDefinitionNode) -> int:
        root = self.schema.get_root_type(node.operation)
        return 0 if root is None else self.per_instance(node.selection_set, root, False)

    def per_instance(
        self, selection_set: SelectionSetNode, parent: GraphQLNamedType, distinct: bool
    ) -> int:
        """What `selection_set` costs for one instance of `parent`; `distinct`: the instances
        are distinct objectives (see the module's docstring)."""
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self._field(selection, parent, distinct)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = self.schema.get_type(condition.name.value) if condition else parent
                if inner is not None:
                    total += self.per_instance(selection.selection_set, inner, distinct)
            elif isinstance(selection, FragmentSpreadNode):
                total += self._fragment(selection.name.value, distinct)
            if total > _CEILING:
                return _CEILING
        return total

    def _fragment(self, name: str, distinct: bool) -> int:
        key = (name, distinct)
        if key in self._fragments:
            return self._fragments[key]
        fragment = self.context.get_fragment(name)
        if fragment is None or name in self._open:
            return 0
        inner = self.schema.get_type(fragment.type_condition.name.value)
        if inner is None:
            return 0
        self._open.add(name)
        try:
            cost = self.per_instance(fragment.selection_set, inner, distinct)
        finally:
            self._open.discard(name)
        self._fragments[key] = cost
        return cost

    def _field(self, node: FieldNode, parent: GraphQLNamedType, distinct: bool) -> int:
        name = node.name.value
        if node.selection_set is None:
            return 1
        definition: Any
        if name == "__schema":
            definition = SchemaMetaFieldDef
        elif name == "__type":
            definition = TypeMetaFieldDef
        else:
            definition = getattr(parent, "fields", {}).get(name)
        if definition is None:
            return 1  # unknown: FieldsOnCorrectTypeRule reports it
        key = f"{parent.name}.{name}"
        size = 1
        if is_list_type(get_nullable_type(definition.type)):
            size = self._list_size(node, key)
            if key == _TREE_DESCENT and distinct:
                size = 1
        below = self.per_instance(
            node.selection_set, get_named_type(definition.type), key in _DISTINCT_OBJECTIVES
        )
        return min(_CEILING, 1 + size * below)

    def _list_size(self, node: FieldNode, key: str) -> int:
        for argument in node.arguments or ():
            if argument.name.value == "first" and isinstance(argument.value, IntValueNode):
                return max(1, int(argument.value.value))
        return self.sizes.get(key, DEFAULT_LIST_SIZE)


def operation_costs(schema: GraphQLSchema, document: DocumentNode) -> dict[str | None, int]:
    """Each operation's estimated cost, by name."""
    context = ValidationContext(schema, document, TypeInfo(schema), lambda error: None)
    estimate = CostEstimate(schema, context)
    return {
        (node.name.value if node.name else None): estimate.operation(node)
        for node in document.definitions
        if isinstance(node, OperationDefinitionNode)
    }


def cost_limit(limit: int) -> type[ValidationRule]:
    """A validation rule refusing every operation whose estimated cost exceeds `limit`."""

    class CostLimit(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            self.estimate = CostEstimate(context.schema, context)

        def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> Any:
            cost = self.estimate.operation(node)
            if cost > limit:
                refusal = InvalidInput("query", "input.query_cost", cost=cost, limit=limit)
                refusal.carrying(cost=cost, maxCost=limit)
                self.report_error(
                    GraphQLError(
                        f"The query would cost about {cost} fields; the limit is {limit}.",
                        node,
                        original_error=refusal,
                    )
                )
            return self.SKIP  # the estimate read the whole operation

    return CostLimit
