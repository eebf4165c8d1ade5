// The dashboard's logic, no DOM: what a figure's bucket drills down to, where it downloads,
// and the geometry of its charts (fractions of the drawing, 0…1).

/** The export URL of one bucket of a figure: the figure's own (from `csvPath`) with `bucket=`. */
export function bucketCsv(figurePath, bucket) {
  if (!figurePath || bucket === null || bucket === undefined) return figurePath || null;
  return figurePath + (figurePath.includes('?') ? '&' : '?') + 'bucket=' + encodeURIComponent(bucket);
}

/** A figure's buckets as { key, count, … }: the one list each chart and each drill-down reads. */
function bucketsOf(d, figure) {
  switch (figure) {
    case 'PROGRESS':
      return d.progressDistribution.map((b) => ({ key: b.bucket, count: b.count, objectiveIds: b.objectiveIds }));
    case 'STATUS':
      return d.statusCounts.map((b) => ({ key: b.bucket, count: b.count, objectiveIds: b.objectiveIds }));
    case 'FRESHNESS':
      return d.freshness.map((b) => ({ key: b.bucket, count: b.count, people: b.people }));
    case 'ALIGNMENT':
      return d.alignment
        .flatMap((c) => [c.aligned, c.unaligned])
        .map((b) => ({ key: b.bucket, count: b.count, objectiveIds: b.objectiveIds }));
    case 'SCORES':
      return [...d.scores.buckets, d.scores.unscored].map((b) => ({ key: b.bucket, count: b.count, keyResults: b.keyResults }));
    default:
      return [];
  }
}

/**
 * What a figure (or one of its buckets) counts: { kind: 'objectives' | 'keyResults' | 'people'
 * | 'movers', items, csv }; null when the figure has no such bucket.
 */
export function drill(d, figure, bucket = null) {
  const csv = bucketCsv(d['csv_' + figure], bucket);
  const byId = new Map(d.objectives.map((o) => [o.id, o]));
  const objectives = (ids) => ids.map((id) => byId.get(id)).filter(Boolean);
  if (figure === 'OBJECTIVES') return { kind: 'objectives', items: d.objectives, csv };
  if (figure === 'MOVERS') return { kind: 'movers', items: d.topMovers, csv };
  if (figure === 'UNALIGNED_KEY_RESULTS') return { kind: 'keyResults', items: d.unalignedKeyResults.keyResults, csv };
  const b = bucketsOf(d, figure).find((x) => x.key === bucket);
  if (!b) return null;
  if (b.people) return { kind: 'people', items: b.people, csv };
  if (b.keyResults) return { kind: 'keyResults', items: b.keyResults, csv };
  return { kind: 'objectives', items: objectives(b.objectiveIds), csv };
}

/** Bars of a chart: each bucket's height as a share of the tallest (0 when all are empty). */
export function columns(buckets) {
  const max = Math.max(0, ...buckets.map((b) => b.count));
  return buckets.map((b) => ({ ...b, h: max ? b.count / max : 0 }));
}

/**
 * Progress over time: x from the first point to the last (by time), y the progress (0…1, above
 * 1 kept at 1); `actual` stops at the last point that has one, `now` is asOf's x (null outside).
 */
export function timeline(points, asOf) {
  if (!points.length) return null;
  const ms = points.map((p) => Date.parse(p.at));
  const t0 = ms[0];
  const span = ms[ms.length - 1] - t0 || 1;
  const x = (m) => (m - t0) / span;
  const y = (v) => Math.min(Math.max(v, 0), 1);
  const expected = points.map((p, i) => ({ x: x(ms[i]), y: y(p.expected), at: p.at }));
  const actual = points.flatMap((p, i) => (p.actual === null || p.actual === undefined ? [] : [{ x: x(ms[i]), y: y(p.actual), at: p.at }]));
  const now = asOf ? x(Date.parse(asOf)) : null;
  return { expected, actual, now: now !== null && now >= 0 && now <= 1 ? now : null, t0: points[0].at, t1: points[points.length - 1].at };
}

/** The answer is for this scope (not the previous one, still shown while the new one loads). */
export function isFor(d, cycleId, { team = null, owner = null } = {}) {
  if (!d || d.cycle.id !== cycleId) return false;
  if (owner) return Boolean(d.owner && d.owner.id === owner);
  return !d.owner && (team ? Boolean(d.team && d.team.id === team) : !d.team);
}

/** The dashboard's address for a scope: the company, a team (`team`) or a person (`owner`). */
export function dashboardPath(cycleId, { team = null, owner = null } = {}) {
  const base = '/cycle/' + encodeURIComponent(cycleId) + '/dashboard';
  if (owner) return base + '?owner=' + encodeURIComponent(owner);
  return team ? base + '?team=' + encodeURIComponent(team) : base;
}

/** A team and the teams under it, for a picker: [{ id, name, depth }] in tree order. */
export function teamTree(teams) {
  const kids = new Map();
  for (const tm of teams) {
    const k = tm.parentId || '';
    if (!kids.has(k)) kids.set(k, []);
    kids.get(k).push(tm);
  }
  const ids = new Set(teams.map((tm) => tm.id));
  const out = [];
  const walk = (parent, depth) => (kids.get(parent) || []).forEach((tm) => (out.push({ ...tm, depth }), walk(tm.id, depth + 1)));
  walk('', 0);
  // a team whose parent the viewer is not given still shows, at the top
  teams.filter((tm) => tm.parentId && !ids.has(tm.parentId)).forEach((tm) => (out.push({ ...tm, depth: 0 }), walk(tm.id, 1)));
  return out;
}
