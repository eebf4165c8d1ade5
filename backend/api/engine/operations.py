"""The limits every operation is parsed and validated under, and which operation of a document
runs, and over what, checked before validation: a document with several operations must name
the one to run (strawberry would silently run the first), and a subscription runs only on a
socket (over HTTP its resolver would be called as a query and fail as an internal error). And
a rule for the document's strings: no NUL (the view refuses it in variables)."""

from collections.abc import Iterator
from typing import Any

from graphql import (
    ASTValidationRule,
    GraphQLError,
    OperationDefinitionNode,
    StringValueNode,
    ValidationRule,
)
from strawberry.extensions import SchemaExtension
from strawberry.schema.exceptions import InvalidOperationTypeError

from ...domain.errors import InvalidInput


class OperationChecks(SchemaExtension):
    """Also sets the token limit and the validation rules, each in the phase that reads it:
    strawberry's own extensions for them (`MaxTokensLimiter`, `AddValidationRules`) set them in
    an `on_operation` hook, which a subscription holds open for as long as it runs (~1.5 KiB
    of every idle subscriber). Listed before `sharing.SharedDocuments`, whose parse must see
    the limit."""

    def __init__(self, max_tokens: int, rules: tuple[type[ASTValidationRule], ...]) -> None:
        self.max_tokens = max_tokens
        self.rules = rules  # every rule it runs, graphql's own included: one shared tuple

    def on_parse(self) -> Iterator[None]:
        self.execution_context.parse_options["max_tokens"] = self.max_tokens
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        context.validation_rules = self.rules
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
