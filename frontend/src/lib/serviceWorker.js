// The service worker (dist/sw.js, written by build.mjs) keeps the app shell so that the app
// opens with no network; the last answers it saw come from lib/kept.js.

/**
 * Register the worker once the page has loaded and `after` has settled (the first screen's
 * answers are in): installing precaches every file of the app, some 70 requests that would
 * otherwise compete with the board's for the server.
 */
export function registerServiceWorker(after = Promise.resolve()) {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  if (!window.isSecureContext) return; // browsers allow workers only over HTTPS or on localhost
  const loaded =
    document.readyState === 'complete' ? Promise.resolve() : new Promise((done) => window.addEventListener('load', done, { once: true }));
  Promise.all([loaded, after.catch(() => {})]).then(() =>
    navigator.serviceWorker.register('/sw.js').catch(() => {
      /* no offline shell (private mode, say): the app works online as before */
    }),
  );
}
