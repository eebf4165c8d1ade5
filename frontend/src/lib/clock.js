// When open screens read their numbers again although nothing happened: statuses that move only
// because time passed (expected progress, staleness, overdue) are not events, so every screen
// re-reads them at least hourly and right after midnight in the organization's zone (DESIGN §4).
// Pure: the caller passes the clock.

const HOUR = 3600e3;
const DAY = 24 * HOUR;
const formats = new Map();

function wallFormat(timeZone) {
  let f = formats.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    } catch {
      f = wallFormat('UTC'); // a zone this browser does not know: UTC rather than no refresh
    }
    formats.set(timeZone, f);
  }
  return f;
}

/** Milliseconds since the start of the day in `timeZone` at instant `ms`. */
function sinceMidnight(ms, timeZone) {
  const p = {};
  for (const { type, value } of wallFormat(timeZone).formatToParts(new Date(ms))) p[type] = Number(value);
  return ((p.hour * 60 + p.minute) * 60 + p.second) * 1000 + (ms % 1000);
}

/** The first instant (ms) after `now` at which the day begins in `timeZone`. */
export function nextMidnight(now, timeZone) {
  let at = now + DAY - sinceMidnight(now, timeZone);
  // a day of 23 or 25 hours (daylight saving): land on the local 00:00 the guess missed
  const off = sinceMidnight(at, timeZone);
  if (off) at += off > DAY / 2 ? DAY - off : -off;
  return at;
}

/** When to read the numbers again after `now` (ms): the next full hour or the zone's midnight, whichever comes first. */
export function nextRefresh(now, timeZone) {
  const hour = (Math.floor(now / HOUR) + 1) * HOUR;
  return Math.min(hour, nextMidnight(now, timeZone || 'UTC'));
}

/** The date it is at instant `now` (ms) in `timeZone`, as YYYY-MM-DD: the organization's "today". */
export function localDay(now, timeZone) {
  const zone = wallFormat(timeZone).resolvedOptions().timeZone;
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(now));
}

/** Screens spread their re-reads over this many ms after the boundary: a room of screens does not ask at once. */
export const SPREAD_MS = 30e3;
