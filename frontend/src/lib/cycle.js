// The cycle as the method runs it, the parts the first screen needs (pure, unit-tested): the
// phases in order, what a phase asks of me and where it is done, score bands.

/** DRAFTING (圆桌会) → ALIGNING (共识会) → TRACKING (推进会) → REVIEWING (复盘会) → CLOSED. */
export const PHASES = ['DRAFTING', 'ALIGNING', 'TRACKING', 'REVIEWING', 'CLOSED'];

/** The moves an admin may make from `phase`: one step forward, one step back (never out of CLOSED). */
export function phaseMoves(phase) {
  const i = PHASES.indexOf(phase);
  if (i < 0 || phase === 'CLOSED') return { forward: null, back: null };
  return { forward: PHASES[i + 1], back: i > 0 ? PHASES[i - 1] : null };
}

/** From REVIEWING on a cycle has scores (before, a suggestion is only a preview). */
export const hasScores = (phase) => phase === 'REVIEWING' || phase === 'CLOSED';

/** Where an ask of the phase (Cycle.viewerAsks) is done, for the cycle `cycleId`. */
export function askHref(kind, cycleId) {
  const c = '/cycle/' + encodeURIComponent(cycleId);
  switch (kind) {
    case 'OBJECTIVES_TO_COMMIT':
      return c + '/consensus';
    case 'KRS_TO_SCORE':
    case 'LESSONS_TO_WRITE':
      return c + '/scoring';
    case 'REVIEWS_TO_GIVE':
      return c + '/reviews';
    default:
      return '/me'; // drafts to discuss or publish, key results to check in: my OKRs
  }
}

/** The dictionary key of an ask: `ask.<KIND>`, or `ask.<KIND>.one` for a count of one. */
export const askKey = (kind, count) => 'ask.' + kind + (count === 1 ? '.one' : '');

// Scores have one decimal; comparisons tolerate binary artefacts such as 0.1 + 0.6.
const EPS = 1e-9;

/** Round half up to one decimal, as the server does (0.25 → 0.3, 0.65 → 0.7). */
export function round1(x) {
  return Math.round(Number(Number(x).toFixed(9)) * 10) / 10;
}

/** DESIGN §4: ≥ 0.7 GREEN, 0.4–0.6 YELLOW, ≤ 0.3 RED (read on the one-decimal score); null without one. */
export function scoreBand(score) {
  if (score === null || score === undefined || !Number.isFinite(Number(score))) return null;
  const s = round1(score);
  if (s >= 0.7 - EPS) return 'GREEN';
  if (s <= 0.3 + EPS) return 'RED';
  return 'YELLOW';
}
