// The service worker (dist/sw.js, written by build.mjs) keeps the app shell so that the app
// opens with no network; the last answers it saw come from lib/kept.js.

export function registerServiceWorker() {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  if (!window.isSecureContext) return; // browsers allow workers only over HTTPS or on localhost
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      /* no offline shell (private mode, say): the app works online as before */
    });
  });
}
