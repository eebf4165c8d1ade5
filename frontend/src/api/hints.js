// Operations of writing help: the lint on a title as it is typed (the hints of saved objectives
// and key results are their `hints` fields, asked for in okr.js). Messages come in the UI's
// language (Accept-Language).

export const Q_WRITING_HINTS = `query WritingHints($text: String!, $target: HintTarget!, $kind: KRKind, $dueDate: Date,
  $measured: Boolean!) {
  writingHints(text: $text, target: $target, kind: $kind, dueDate: $dueDate, measured: $measured) { code severity message start end } }`;
