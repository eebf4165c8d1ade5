"""Writing help: `writingHints` lints a title as it is typed; `Objective.hints` and
`KeyResult.hints` (in api/okr) say the same of saved items. Messages in the viewer's language."""
