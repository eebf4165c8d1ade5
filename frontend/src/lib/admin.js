// Pure logic of the admin screens: cycle templates (annual, quarter) and the team tree.

const pad = (n) => String(n).padStart(2, '0');
const iso = (y, m, d) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate(); // m: 1–12

/** The dates of an annual cycle (q = 0) or of quarter q (1–4) of `year`. */
export function templateDates(year, q) {
  if (!q) return { startsOn: iso(year, 1, 1), endsOn: iso(year, 12, 31) };
  const first = 3 * (q - 1) + 1;
  return { startsOn: iso(year, first, 1), endsOn: iso(year, first + 2, lastDay(year, first + 2)) };
}

/**
 * The period a new cycle of `kind` ('ANNUAL' | 'QUARTER') most likely is: the one after the
 * latest existing cycle of that length, or the one `today` falls in. → { year, q } (q 0: a year)
 */
export function nextPeriod(cycles, kind, today) {
  const [ty, tm] = today.split('-').map(Number);
  const quarter = kind === 'QUARTER';
  const taken = (cycles || []).filter((c) => {
    const months =
      (Number(c.endsOn.slice(0, 4)) - Number(c.startsOn.slice(0, 4))) * 12 +
      Number(c.endsOn.slice(5, 7)) -
      Number(c.startsOn.slice(5, 7)) +
      1;
    return quarter ? months === 3 : months === 12;
  });
  let year = ty;
  let q = quarter ? Math.ceil(tm / 3) : 0;
  for (const c of taken) {
    const [cy, cm] = c.startsOn.split('-').map(Number);
    const cq = quarter ? Math.ceil(cm / 3) : 0;
    if (cy > year || (cy === year && cq >= q)) {
      year = quarter && cq === 4 ? cy + 1 : quarter ? cy : cy + 1;
      q = quarter ? (cq % 4) + 1 : 0;
    }
  }
  return { year, q };
}

/** The teams as a tree, flattened in order: [{ team, depth }], each parent before its children. */
export function teamTree(teams) {
  const ids = new Set(teams.map((t) => t.id));
  const children = new Map();
  for (const t of teams) {
    const parent = t.parentId && ids.has(t.parentId) ? t.parentId : null;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(t);
  }
  const out = [];
  const seen = new Set();
  const walk = (parent, depth) => {
    for (const t of (children.get(parent) || []).sort((a, b) => a.name.localeCompare(b.name))) {
      if (seen.has(t.id)) continue;
      seen.add(t.id);
      out.push({ team: t, depth });
      walk(t.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** Where a team may move: anywhere but itself and the teams below it (no loops). */
export function moveTargets(teams, id) {
  const below = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of teams) {
      if (t.parentId && below.has(t.parentId) && !below.has(t.id)) {
        below.add(t.id);
        grew = true;
      }
    }
  }
  return teams.filter((t) => !below.has(t.id));
}
