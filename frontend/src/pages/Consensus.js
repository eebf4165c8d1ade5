// /cycle/<id>/consensus: the consensus meeting (共识会). My published team and personal objectives
// with "I commit"; for the company or a team (?team=): who has not committed yet, objectives
// aligned to nothing, parents' key results nothing aligns to, drafts whose weights are not 100.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { t, formatNumber } from '../i18n/index.js';
import { gql } from '../api/client.js';
import { viewer } from '../store.js';
import { Q_CONSENSUS, M_COMMIT } from '../api/retro.js';
import { useLive } from '../components/useLive.js';
import { PageMessage } from '../components/PageMessage.js';
import { CycleHead, cycleOf, useQuery, TeamSelect } from '../components/CycleHead.js';
import { ObjectiveLink } from '../components/ObjectiveLink.js';
import { Avatar } from '../components/Avatar.js';
import { FieldError } from '../components/forms.js';
import { commitState } from '../lib/retro.js';

// Whatever moves objectives moves the open points: read them again (likes and talk do not).
const QUIET = ['LikeChanged', 'CommentAdded', 'CommentChanged', 'TaskChanged', 'KeyResultCheckedIn'];
const refold = (d, ev) => ({ data: d, refetch: !QUIET.includes(ev.__typename) });

/** "I commit" on one of my objectives, or taking it back. */
export function CommitButton({ o, phase, onDone }) {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const state = commitState(o, phase);
  if (state === 'none') return null;
  if (state === 'draft') return html`<span class="muted">${t('consensus.publishFirst')}</span>`;
  const set = async (committed) => {
    setBusy(true);
    setError(null);
    try {
      const d = await gql(M_COMMIT, { id: o.id, c: committed });
      onDone(d.commitObjective);
    } catch (err) {
      setError(err.message);
    }
    setBusy(false);
  };
  return html`<span class="commit">
    ${
      o.committed
        ? html`<span class="tag committed"><span aria-hidden="true">✓</span> ${t('consensus.committed')}</span>
          ${state === 'open' ? html`<button type="button" class="btn btn-ghost btn-small" disabled=${busy} onClick=${() => set(false)}>${t('consensus.takeBack')}</button>` : null}`
        : state === 'open'
          ? html`<button type="button" class="btn btn-primary commit-btn" disabled=${busy} onClick=${() => set(true)}>${t('consensus.commit')}</button>`
          : html`<span class="muted">${t('consensus.notCommitted')}</span>`
    }
    <${FieldError} id=${'commit-' + o.id + '-error'} message=${error} />
  </span>`;
}

function Owner({ u }) {
  return html`<span class="owner"><${Avatar} user=${u} size="sm" /> <bdi>${u.displayName}</bdi></span>`;
}

function Points({ id, title, items, empty, render }) {
  return html`<section class="card consensus-points" aria-labelledby=${id}>
    <h2 class="section-title" id=${id}>${title} <span class="muted num">${items.length}</span></h2>
    ${items.length ? html`<ul class="point-list">${items.map(render)}</ul>` : html`<p class="muted"><span aria-hidden="true">✓</span> ${empty}</p>`}
  </section>`;
}

export function Consensus({ cycleId }) {
  const me = viewer.value;
  const teamId = useQuery().get('team');
  const phase = (cycleOf(cycleId) || {}).phase;
  const [data, error, reload, update] = useLive(Q_CONSENSUS, { c: cycleId, t: teamId, me: me.id }, [cycleId, teamId], cycleId, refold);
  const base = '/cycle/' + encodeURIComponent(cycleId) + '/consensus';
  const committed = (o) => update((d) => ({ ...d, mine: d.mine.map((x) => (x.id === o.id ? { ...x, ...o } : x)) }));
  const mine = data ? data.mine.filter((o) => o.level !== 'COMPANY' && o.state !== 'ARCHIVED') : [];
  const c = data && data.consensus;
  // the objectives not committed to, under their owner
  const byOwner = c ? c.uncommittedOwners.map((u) => ({ u, list: c.uncommitted.filter((o) => o.owner.id === u.id) })) : [];
  return html`<main id="main" class="page consensus-page">
    <${CycleHead} cycleId=${cycleId} title=${t('consensus.title')} />
    ${
      !data
        ? html`<${PageMessage} error=${error} onRetry=${reload} />`
        : html`<section class="card" aria-labelledby="mine-title">
              <h2 class="section-title" id="mine-title">${t('consensus.mine')}</h2>
              <p class="muted">${t('consensus.mineAbout')}</p>
              ${
                mine.length
                  ? html`<ul class="point-list">
                    ${mine.map(
                      (o) => html`<li key=${o.id} class="commit-row" data-id=${o.id}>
                        <${ObjectiveLink} o=${o} /><${CommitButton} o=${o} phase=${phase} onDone=${committed} />
                      </li>`,
                    )}
                  </ul>`
                  : html`<p class="muted">${t('consensus.noneMine')}</p>`
              }
            </section>
            <${TeamSelect} id="consensus-team" label=${t('consensus.of')} base=${base} teamId=${teamId} teams=${data.teams} />
            <${Points}
              id="uncommitted"
              title=${t('consensus.uncommitted')}
              items=${byOwner}
              empty=${t('consensus.allCommitted')}
              render=${({ u, list }) => html`<li key=${u.id}>
                <${Owner} u=${u} />
                <ul class="sub-points">${list.map((o) => html`<li key=${o.id}><${ObjectiveLink} o=${o} /></li>`)}</ul>
              </li>`}
            />
            <${Points}
              id="unaligned"
              title=${t('consensus.unaligned')}
              items=${c.unaligned}
              empty=${t('consensus.allAligned')}
              render=${(o) => html`<li key=${o.id}><${ObjectiveLink} o=${o} /> <${Owner} u=${o.owner} /></li>`}
            />
            <${Points}
              id="uncovered"
              title=${t('consensus.uncovered')}
              items=${c.uncoveredKeyResults}
              empty=${t('consensus.allCovered')}
              render=${(kr) => html`<li key=${kr.id}>
                <bdi class="point-kr">${kr.title}</bdi>
                <span class="muted">${t('consensus.ofObjective')}</span> <${ObjectiveLink} o=${kr.objective} />
              </li>`}
            />
            <${Points}
              id="weights"
              title=${t('consensus.weightsOff')}
              items=${c.weightsOff}
              empty=${t('consensus.weightsFine')}
              render=${(o) => html`<li key=${o.id}>
                <${ObjectiveLink} o=${o} /> <span class="num muted">${t('consensus.weightTotal', { total: formatNumber(o.weightTotal) })}</span>
              </li>`}
            />`
    }
  </main>`;
}
