// Boot: load the active language's dictionary, mount the app, then ask the server who we are
// (the first screen's requests left before this code arrived: src/early.js).
import { html } from 'htm/preact';
import { render } from 'preact';
import { t, ready, formatInstant } from './i18n/index.js';
import { showingKept } from './api/client.js';
import { sendFirstScreen } from './api/early.js';
import { registerServiceWorker } from './lib/serviceWorker.js';
import { viewer, boot, path, firstScreenSettled } from './store.js';
import { Header } from './components/Header.js';
import { Board } from './pages/Board.js';
import { Nav } from './components/Nav.js';
import { routeOf, routePage, signInPage, installRouting } from './pages/routes.js';
import './styles/index.css';

function App() {
  const user = viewer.value;
  let page;
  if (user === undefined) page = html`<main id="main" class="boot"><p class="loading">${t('app.loading')}</p></main>`;
  else if (user === null) page = (routeOf(path.value) || {}).name === 'account' ? routePage(path.value) : signInPage();
  else page = routePage(path.value) || html`<${Board} />`;
  return html`<a class="skip-link" href="#main">${t('app.skip')}</a>
    <${Header} />
    ${showingKept.value ? html`<p class="offline-banner" role="status">${t('app.showingKept', { at: formatInstant(showingKept.value) })}</p>` : null}
    ${user ? html`<${Nav} />` : null}
    ${page}`;
}

sendFirstScreen(); // unless the early script (async) did, as it almost always has
installRouting();
ready.then(() => {
  render(html`<${App} />`, document.getElementById('app'));
  boot();
});
registerServiceWorker(firstScreenSettled);
