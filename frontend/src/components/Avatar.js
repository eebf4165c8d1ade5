import { html } from 'htm/preact';
import { initials } from '../lib/okr.js';

// A stable hue per person, so the same initials keep the same colour across the board.
function hue(key) {
  let h = 0;
  for (const ch of String(key || '')) h = (h * 31 + ch.codePointAt(0)) % 360;
  return h;
}

/** Initials in a circle. Decorative when the name is printed next to it (the default). */
export function Avatar({ user, size = 'md', labelled = false }) {
  const name = (user && user.displayName) || '';
  return html`<span
    class=${'avatar avatar-' + size}
    style=${{ '--avatar-hue': hue((user && (user.handle || user.id)) || name) }}
    aria-hidden=${labelled ? undefined : 'true'}
    role=${labelled ? 'img' : undefined}
    aria-label=${labelled ? name : undefined}
    title=${name}
    >${initials(name)}</span
  >`;
}
