// Writing hints as the editor shows them: where a hint's span falls in the text, and when to ask
// the server while the text is typed (the board's markers: boardHints.js).
// No DOM, no signals (unit-tested with node --test).

// Spans count characters (code points) as the server does: an emoji before a span must not
// shift it. A span that no longer fits the text (it changed since it was asked about) is ignored.
function fits(chars, h) {
  return Number.isInteger(h.start) && Number.isInteger(h.end) && h.start >= 0 && h.start < h.end && h.end <= chars.length;
}

/** The words a hint is about, or null when it has no span (or it no longer fits). */
export function quoted(text, hint) {
  const chars = Array.from(text || '');
  return fits(chars, hint) ? chars.slice(hint.start, hint.end).join('') : null;
}

/** The text in runs, each { text, marked } — marked where any hint's span covers it. */
export function segments(text, hints) {
  const chars = Array.from(text || '');
  const marked = chars.map(() => false);
  for (const h of hints || []) if (fits(chars, h)) marked.fill(true, h.start, h.end);
  const runs = [];
  chars.forEach((c, i) => {
    const last = runs[runs.length - 1];
    if (last && last.marked === marked[i]) last.text += c;
    else runs.push({ text: c, marked: marked[i] });
  });
  return runs;
}

/**
 * Asks for hints on text that changes as it is typed: `ask(request)` → Promise of hints,
 * `show(hints)` puts them on screen. A request goes out `wait` ms after the last change, so at
 * most one per `wait` ms; an answer is shown only if nothing changed meanwhile (a stale one is
 * dropped); a failure shows nothing — hints are advice, never in the way. Blank text shows
 * nothing at once, without asking. `key` tells apart requests that differ outside `request`
 * (the language). Returns { want(request, key), stop() }.
 */
export function hintFeed(ask, show, { wait = 300, timers = globalThis } = {}) {
  let timer = null;
  let wanted = null;
  return {
    want(request, key = '') {
      const id = key + '\n' + JSON.stringify(request);
      if (id === wanted) return;
      wanted = id;
      timers.clearTimeout(timer);
      if (!String(request.text || '').trim()) {
        show([]);
        return;
      }
      timer = timers.setTimeout(async () => {
        timer = null;
        let hints;
        try {
          hints = await ask(request);
        } catch {
          hints = [];
        }
        if (wanted === id) show(hints || []);
      }, wait);
    },
    stop() {
      timers.clearTimeout(timer);
      wanted = null;
    },
  };
}
