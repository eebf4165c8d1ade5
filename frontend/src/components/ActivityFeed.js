// Who changed what on an objective, and when: its slice of the activity log.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { t, formatInstant } from '../i18n/index.js';
import { gql } from '../api/client.js';
import { Q_ACTIVITY } from '../api/work.js';

/** The kind in words; a kind this client has no words for shows as recorded. */
function kindText(kind) {
  const key = 'activity.kind.' + kind;
  const text = t(key);
  return text === key ? kind : text;
}

export function ActivityFeed({ objectiveId }) {
  const [entries, setEntries] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    let live = true;
    gql(Q_ACTIVITY, { id: objectiveId })
      .then((d) => live && setEntries(d.activity || []))
      .catch((e) => live && setError(e.message));
    return () => (live = false);
  }, [objectiveId]);
  if (error) return html`<p class="muted" role="alert">${error}</p>`;
  if (!entries) return html`<p class="muted">${t('app.loading')}</p>`;
  if (!entries.length) return html`<p class="muted">${t('activity.empty')}</p>`;
  return html`<ol class="activity-feed">
    ${entries.map(
      (e) => html`<li key=${e.seq}>
        <time class="muted num" datetime=${e.at}>${formatInstant(e.at)}</time>
        <span class="activity-who">${e.actor ? e.actor.displayName : t('activity.someone')}</span>
        <span>${kindText(e.kind)}</span>
        ${e.subject ? html`<span class="activity-subject">${e.subject}</span>` : null}
        ${e.detail ? html`<span class="muted">${e.detail}</span>` : null}
      </li>`,
    )}
  </ol>`;
}
