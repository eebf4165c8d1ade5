"""Migration operations written by hand, shared by the migrations that need them (a module
whose name starts with `_` is not a migration to Tortoise's loader)."""

from typing import Any

from tortoise.migrations import operations as ops


class DescriptionOnlyAlterField(ops.AlterField):
    """An AlterField whose change needs no table rebuild (SQLite would drop the indexes): a
    CharEnumField whose enum gained values changes its description (the column comment on
    PostgreSQL), nothing else."""

    async def database_forward(
        self, app_label: Any, old_state: Any, new_state: Any, state_editor: Any = None
    ) -> None:
        if state_editor is not None and state_editor.DIALECT == "sqlite":
            return
        await super().database_forward(app_label, old_state, new_state, state_editor)

    async def database_backward(
        self, app_label: Any, old_state: Any, new_state: Any, state_editor: Any = None
    ) -> None:
        if state_editor is not None and state_editor.DIALECT == "sqlite":
            return
        await super().database_backward(app_label, old_state, new_state, state_editor)
