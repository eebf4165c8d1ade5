// How the wall moves through a board longer than the screen: a page at a time (most of a
// screen, so a row read at the bottom is still there at the top), a pause on each page, back to
// the top at the end; any interaction holds it still for a while. Pure: the DOM is injected.

export const PAGE_SECONDS = 12; // time to read a page of rows
export const HOLD_SECONDS = 30; // stillness after someone touched the screen
export const PAGE_SHARE = 0.8; // of the viewport moved per step

export function wallScroller({ now, viewport, height, at, scrollTo }) {
  let last = now();
  let heldUntil = 0;
  return {
    /** Called about once a second: scrolls when a page has been shown long enough. */
    tick() {
      const t = now();
      if (t < heldUntil || t - last < PAGE_SECONDS * 1000) return null;
      last = t;
      const room = height() - viewport();
      if (room <= 1) return null; // the board fits: nothing to move
      const next = at() >= room - 1 ? 0 : Math.min(room, at() + viewport() * PAGE_SHARE);
      scrollTo(next);
      return next;
    },
    /** Someone is reading or pointing: hold still. */
    interacted() {
      heldUntil = now() + HOLD_SECONDS * 1000;
      last = now();
    },
  };
}
