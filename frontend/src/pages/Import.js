// /admin/import: people and teams, or a cycle's OKRs, from a CSV or XLSX file. Choosing a file
// previews it (POST /import/… without confirm: every row's problems, nothing written); a clean
// file is then imported as a whole (?confirm=1), or not at all. Admins only.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { t, lang } from '../i18n/index.js';
import { viewer, cycles, cycleId } from '../store.js';
import { Field, FormError, Notice } from '../components/forms.js';

/** POST the file; resolves to the server's JSON answer, or throws an Error with its message. */
async function upload(url, file) {
  let res;
  try {
    res = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/octet-stream', 'Accept-Language': lang.value },
      body: file,
    });
  } catch {
    throw new Error(t('error.network'));
  }
  const body = await res.json().catch(() => null);
  if (!body) throw new Error(t('error.server', { status: res.status }));
  if (body.error) throw new Error(body.error);
  return body;
}

function Problems({ problems }) {
  return html`<table class="import-problems">
    <thead>
      <tr>
        <th scope="col">${t('import.row')}</th>
        <th scope="col">${t('import.column')}</th>
        <th scope="col">${t('import.message')}</th>
      </tr>
    </thead>
    <tbody>
      ${problems.map(
        (p, i) => html`<tr key=${i}>
          <td class="num">${p.row}</td>
          <td>${p.column || '—'}</td>
          <td>${p.message}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

export function Import() {
  const admin = (viewer.value || {}).role === 'ADMIN';
  const [kind, setKind] = useState('people');
  const [cycle, setCycle] = useState(cycleId.value || ((cycles.value || [])[0] || {}).id || '');
  const [file, setFile] = useState(null);
  const [preview, setPreview] = useState(null); // the server's answer to the preview
  const [done, setDone] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  const url = (confirm) =>
    (kind === 'people' ? '/import/people' : `/import/cycles/${encodeURIComponent(cycle)}/okrs`) + (confirm ? '?confirm=1' : '');
  const run = async (confirm, chosen = file) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await upload(url(confirm), chosen);
      if (answer.written) {
        setDone(answer.counts);
        setPreview(null);
        setFile(null);
      } else setPreview(answer);
    } catch (err) {
      setError(err.message);
    }
    setBusy(false);
  };
  const choose = (e) => {
    const chosen = e.currentTarget.files[0] || null;
    setFile(chosen);
    setPreview(null);
    setDone(null);
    if (chosen) run(false, chosen);
    e.currentTarget.value = ''; // choosing the same (fixed) file again previews it again
  };
  const switchTo = (next) => {
    setKind(next);
    setPreview(null);
    setDone(null);
    setError(null);
  };
  const ready = preview && preview.problems.length === 0;
  const counts = (key, c) => t(key + (kind === 'people' ? 'People' : 'Okrs'), c);

  if (!admin) {
    return html`<main id="main" class="page setup-page"><p>${t('setup.adminsOnly')}</p></main>`;
  }
  return html`<main id="main" class="page setup-page">
    <div class="page-head"><h1 class="page-title">${t('import.title')}</h1></div>
    <p class="muted">${t('import.about')}</p>
    <div class="card setup-form">
      <div class="segmented" role="group">
        ${['people', 'okrs'].map(
          (
            k,
          ) => html`<button key=${k} type="button" class=${'btn' + (kind === k ? ' btn-primary' : '')} aria-pressed=${kind === k ? 'true' : 'false'} onClick=${() => switchTo(k)}>
            ${t('import.' + k)}
          </button>`,
        )}
      </div>
      <p class="field-hint">${t(kind === 'people' ? 'import.peopleColumns' : 'import.okrColumns')}</p>
      ${
        kind === 'okrs'
          ? html`<${Field} id="import-cycle" as="select" label=${t('import.cycle')} value=${cycle} onValue=${(v) => (setCycle(v), setPreview(null))}>
              ${(cycles.value || []).map((c) => html`<option key=${c.id} value=${c.id}>${c.name}</option>`)}
            <//>`
          : null
      }
      <div class="field">
        <label for="import-file">${t('import.file')}</label>
        <input id="import-file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange=${choose} disabled=${busy} />
      </div>
      ${busy && !preview ? html`<p class="muted" role="status">${t('import.checking')}</p>` : null}
      <${FormError} id="import-error" message=${error} />
      ${
        preview && preview.problems.length
          ? html`<div class="import-result" role="alert">
              <p>${t('import.problems', { count: preview.problems.length })}</p>
              <${Problems} problems=${preview.problems} />
            </div>`
          : null
      }
      ${
        ready
          ? html`<div class="import-result">
              <${Notice} kind="info" message=${counts('import.ready', preview.counts)} />
              <button type="button" class="btn btn-primary" disabled=${busy} onClick=${() => run(true)}>
                ${busy ? t('import.importing') : t('import.confirm')}
              </button>
            </div>`
          : null
      }
      <${Notice} message=${done ? counts('import.done', done) : null} />
    </div>
  </main>`;
}
