// /settings/notifications: what reaches me and where — warnings, reminders and the weekly digest,
// each in the app, by e-mail and/or named in my team's chat — and muting everything until a day.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { t, formatDate, normalizeLang } from '../i18n/index.js';
import { viewer } from '../store.js';
import { gql } from '../api/client.js';
import { Q_PREFERENCES, M_PREFERENCES } from '../api/reach.js';
import { useLoad } from '../components/useLoad.js';
import { PageMessage } from '../components/PageMessage.js';
import { FormError, Notice } from '../components/forms.js';
import { muteUntil, isoDay, addDays } from '../lib/reach.js';

const CHANNELS = [
  ['IN_APP', 'inApp'],
  ['EMAIL', 'email'],
  ['IM', 'im'],
];

function Prefs({ prefs, onSaved }) {
  const [topics, setTopics] = useState(prefs.topics);
  const muted = prefs.mutedUntil && Date.parse(prefs.mutedUntil) > Date.now();
  const [mute, setMute] = useState(Boolean(muted));
  const today = isoDay(new Date());
  const [until, setUntil] = useState(muted ? isoDay(new Date(prefs.mutedUntil)) : addDays(today, 7));
  const [state, setState] = useState({ busy: false, error: null, saved: false });
  useEffect(() => setTopics(prefs.topics), [prefs]);

  const flip = (topic, field) => setTopics(topics.map((x) => (x.topic === topic ? { ...x, [field]: !x[field] } : x)));
  const save = async (e) => {
    e.preventDefault();
    setState({ busy: true, error: null, saved: false });
    try {
      const input = {
        topics: topics.map(({ topic, inApp, email, im }) => ({ topic, inApp, email, im })),
        mutedUntil: mute ? muteUntil(until) : null,
      };
      onSaved((await gql(M_PREFERENCES, { i: input })).setReachPreferences);
      setState({ busy: false, error: null, saved: true });
    } catch (err) {
      setState({ busy: false, error: err, saved: false });
    }
  };
  return html`<form class="card prefs-form" onSubmit=${save}>
    <table class="prefs-table">
      <caption class="sr-only">${t('prefs.caption')}</caption>
      <thead>
        <tr><th scope="col">${t('prefs.what')}</th>${CHANNELS.map(([c]) => html`<th scope="col" key=${c}>${t('prefs.channel.' + c)}</th>`)}</tr>
      </thead>
      <tbody>
        ${topics.map(
          (x) => html`<tr key=${x.topic} data-topic=${x.topic}>
            <th scope="row"><span class="prefs-topic">${t('prefs.topic.' + x.topic)}</span><span class="muted prefs-hint">${t('prefs.topicHint.' + x.topic)}</span></th>
            ${CHANNELS.map(([c, field]) => {
              const label = t('prefs.cell', { topic: t('prefs.topic.' + x.topic), channel: t('prefs.channel.' + c) });
              return html`<td key=${c}>
                ${
                  x.supported.includes(c)
                    ? html`<input type="checkbox" class="prefs-check" data-channel=${c} aria-label=${label} checked=${x[field]} onChange=${() => flip(x.topic, field)} />`
                    : html`<span class="muted" title=${t('prefs.unsupported')}>–<span class="sr-only"> ${t('prefs.unsupported')}</span></span>`
                }
              </td>`;
            })}
          </tr>`,
        )}
      </tbody>
    </table>
    ${prefs.emailAvailable ? null : html`<p class="muted prefs-note">${t('prefs.noEmail')}</p>`}
    <p class="muted prefs-note">${t('prefs.imNote')}</p>
    <fieldset class="prefs-mute">
      <legend>${t('prefs.mute')}</legend>
      <label class="check"><input type="checkbox" id="prefs-mute" checked=${mute} onChange=${(e) => setMute(e.currentTarget.checked)} /> ${t('prefs.muteUntil')}</label>
      <input type="date" id="prefs-mute-until" aria-label=${t('prefs.muteDate')} value=${until} min=${addDays(today, 1)} max=${addDays(today, 365)} disabled=${!mute} onInput=${(e) => setUntil(e.currentTarget.value)} />
      ${muted ? html`<p class="prefs-muted" role="status">${t('prefs.mutedNow', { date: formatDate(isoDay(new Date(prefs.mutedUntil))) })}</p>` : null}
    </fieldset>
    <div class="form-actions">
      <button type="submit" class="btn btn-primary" disabled=${state.busy}>${t('prefs.save')}</button>
      <${Notice} message=${state.saved ? t('prefs.saved') : null} />
    </div>
    <${FormError} id="prefs-error" message=${state.error && state.error.message} />
  </form>`;
}

export function Notifications() {
  const [data, error, reload, update] = useLoad(Q_PREFERENCES, null, []);
  const prefs = data && data.viewer && data.viewer.reachPreferences;
  return html`<main id="main" class="page settings-page">
    <div class="page-head"><h1 class="page-title">${t('prefs.title')}</h1></div>
    <p class="muted">${t('prefs.intro')}</p>
    <p class="muted prefs-lang">${t('prefs.language', { language: t('prefs.lang.' + (normalizeLang(viewer.value && viewer.value.locale) || 'zh-CN')) })}</p>
    ${prefs ? html`<${Prefs} prefs=${prefs} onSaved=${(p) => update((d) => ({ ...d, viewer: { ...d.viewer, reachPreferences: p } }))} />` : html`<${PageMessage} error=${error} onRetry=${reload} />`}
    ${data && data.webhookTeams.length ? html`<p><a class="btn" href="/settings/webhooks">${t('hooks.title')} →</a></p>` : null}
  </main>`;
}
