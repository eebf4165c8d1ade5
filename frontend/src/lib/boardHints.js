// The board's writing-hint markers on the viewer's own rows: what a marker lists, and when an
// event calls for asking again. No DOM, no signals (unit-tested with node --test).

/** What the hints of a saved objective are read from: its title, and its key results as the lint sees them. */
export function hintInputs(o) {
  const krs = (o.keyResults || []).map((kr) => [
    kr.title,
    kr.kind,
    kr.dueDate,
    kr.targetValue,
    kr.rangeMin,
    kr.rangeMax,
    kr.progressSource,
    kr.weight,
  ]);
  return JSON.stringify([o.title, krs]);
}

/**
 * A row's marker from the OwnHints answer: objective id → the lines it lists (the objective's
 * hints, then each key result's, named by `named(title, message)`); rows without hints left out.
 */
export function markerLines(objectives, named) {
  const lines = new Map();
  for (const o of objectives || []) {
    const list = (o.hints || []).map((h) => h.message);
    for (const kr of o.keyResults || []) for (const h of kr.hints || []) list.push(named(kr.title, h.message));
    if (list.length) lines.set(o.id, list);
  }
  return lines;
}

/** Whether an event changed what the hints of one of `ownerId`'s objectives are read from. */
export function ownHintsChanged(prev, next, ownerId) {
  const before = new Map();
  for (const o of prev || []) if (o.owner && o.owner.id === ownerId) before.set(o.id, o);
  return (next || []).some((o) => {
    if (!o.owner || o.owner.id !== ownerId) return false;
    const p = before.get(o.id);
    return !p || (p !== o && hintInputs(p) !== hintInputs(o));
  });
}
