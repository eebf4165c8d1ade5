"""Writing an edit of a row read before its transaction: only the fields the edit changed.

A `save()` of the whole row would write back, as they were read, the fields someone else
changed meanwhile (a check-in's value under a key result's edit, another admin's change) —
both writers answered "ok" and one change was gone."""

from collections.abc import Iterable

from tortoise.models import Model


class Edit:
    """`fields` of `row` as read; `save()` writes those changed since, nothing else."""

    def __init__(self, row: Model, fields: Iterable[str]) -> None:
        self.row = row
        self.before = {name: getattr(row, name) for name in fields}

    def changed(self) -> list[str]:
        return [name for name, was in self.before.items() if getattr(self.row, name) != was]

    async def save(self) -> list[str]:
        """Writes the changed fields (and the row's `updated_at`); returns their names. Call
        inside the write transaction."""
        changed = self.changed()
        if changed:
            stamp = ["updated_at"] if "updated_at" in self.row._meta.fields_map else []
            await self.row.save(update_fields=[*changed, *stamp])
        return changed
