"""Which operation of a document runs, and over what, checked before validation: a document
with several operations must name the one to run (strawberry would silently run the first),
and a subscription runs only on a socket (over HTTP its resolver would be called as a query
and fail as an internal error). And a rule for the document's strings: no NUL (the view
refuses it in variables)."""

from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError, OperationDefinitionNode, StringValueNode, ValidationRule
from strawberry.extensions import SchemaExtension
from strawberry.schema.exceptions import InvalidOperationTypeError

from ...domain.errors import InvalidInput


class OperationChecks(SchemaExtension):
    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        operations = [
            d
            for d in (document.definitions if document else ())
            if isinstance(d, OperationDefinitionNode)
        ]
        if len(operations) > 1 and not context._provided_operation_name:
            refusal = InvalidInput("operationName", "input.operation_name_required")
            context.pre_execution_errors = [
                GraphQLError(
                    "Must provide operation name if query contains multiple operations.",
                    original_error=refusal,
                )
            ]
        elif context.operation_type.value == "subscription" and not getattr(
            context.context, "is_socket", True
        ):
            raise InvalidOperationTypeError(context.operation_type)  # the view answers 400
        yield


class NoNulInStrings(ValidationRule):
    """A string literal may not hold U+0000 (`"\\u0000"` in the document): PostgreSQL cannot
    store it."""

    def enter_string_value(self, node: StringValueNode, *_: Any) -> None:
        if "\x00" in node.value:
            refusal = InvalidInput("query", "input.nul")
            self.report_error(GraphQLError("NUL in a string", node, original_error=refusal))
