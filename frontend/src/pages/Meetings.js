// /cycle/<id>/meetings[?team=]: the cycle's meetings (圆桌会 共识会 推进会 复盘会) by time, of the
// company or a team with its sub-teams, and a new one: kind, team, time, attendees. The server
// says who may create one (admins; leads for their teams): the button and the teams offered follow
// its rule (lib/meeting.js meetingTeams), a refusal is still shown in the form.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { t, formatInstant } from '../i18n/index.js';
import { gql } from '../api/client.js';
import { Q_MEETINGS, M_CREATE_MEETING } from '../api/meeting.js';
import { navigate, viewer } from '../store.js';
import { meetingTeams } from '../lib/meeting.js';
import { useLoad } from '../components/useLoad.js';
import { PageMessage } from '../components/PageMessage.js';
import { CycleHead, cycleOf, useQuery, TeamSelect } from '../components/CycleHead.js';
import { Avatar } from '../components/Avatar.js';
import { PersonPicker } from '../components/People.js';
import { FormError } from '../components/forms.js';

export const KINDS = ['ROUNDTABLE', 'CONSENSUS', 'PROGRESS', 'RETROSPECTIVE'];
const KIND_BY_PHASE = { DRAFTING: 'ROUNDTABLE', ALIGNING: 'CONSENSUS', TRACKING: 'PROGRESS', REVIEWING: 'RETROSPECTIVE' };

/** A time as a datetime-local field holds it, in the device's zone: "2026-05-13T10:00". */
export function localInput(d) {
  const two = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** The next full hour, for a new meeting's time field. */
function nextHour() {
  const d = new Date(Date.now() + 3600e3);
  d.setMinutes(0, 0, 0);
  return localInput(d);
}

export function StateTag({ state }) {
  return html`<span class=${'tag mtg-state mtg-state-' + state}>${state === 'LIVE' ? html`<span aria-hidden="true">● </span>` : null}${t('mtg.state.' + state)}</span>`;
}

/** Who is expected: chips to remove, a picker to add (a new meeting; changing one in meeting mode). */
export function Attendees({ id, people, onChange }) {
  return html`${
    people.length
      ? html`<ul class="chips">
        ${people.map(
          (u) => html`<li key=${u.id} class="person-chip">
            <${Avatar} user=${u} size="sm" /><span>${u.displayName}</span>
            <button type="button" class="btn btn-ghost btn-icon" aria-label=${t('mtg.removeAttendee', { name: u.displayName })} onClick=${() => onChange(people.filter((p) => p.id !== u.id))}>✕</button>
          </li>`,
        )}
      </ul>`
      : null
  }
  <${PersonPicker} id=${id} label=${t('mtg.addAttendee')} exclude=${people.map((u) => u.id)} onPick=${(u) => onChange([...people, u])} />`;
}

function NewMeeting({ cycleId, phase, allowed, teamId, onCancel }) {
  const { company, teams } = allowed;
  const [kind, setKind] = useState(KIND_BY_PHASE[phase] || 'PROGRESS');
  // the team looked at when the viewer may hold its meeting, else the company's, else their first
  const [team, setTeam] = useState(teams.some((tm) => tm.id === teamId) ? teamId : company ? '' : teams[0].id);
  const [at, setAt] = useState(nextHour);
  const [people, setPeople] = useState([]);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const input = {
        cycleId,
        kind,
        teamId: team || null,
        startsAt: at ? new Date(at).toISOString() : null,
        attendeeIds: people.map((u) => u.id),
      };
      const d = await gql(M_CREATE_MEETING, { i: input });
      navigate('/meeting/' + encodeURIComponent(d.createMeeting.id));
    } catch (err) {
      setError(err.message);
      setBusy(false);
    }
  };
  return html`<form class="card mtg-new" aria-labelledby="mtg-new-title" onSubmit=${submit}>
    <h2 class="section-title" id="mtg-new-title">${t('mtg.new')}</h2>
    <fieldset class="mtg-kinds">
      <legend>${t('mtg.kind')}</legend>
      ${KINDS.map(
        (k) => html`<label key=${k} class=${'mtg-kind' + (k === kind ? ' on' : '')}>
          <input type="radio" name="mtg-kind" value=${k} checked=${k === kind} onChange=${() => setKind(k)} />
          <strong>${t('mtg.kind.' + k)}</strong>
          <span class="muted">${t('mtg.about.' + k)}</span>
        </label>`,
      )}
    </fieldset>
    <div class="mtg-new-row">
      <div class="field">
        <label for="mtg-team">${t('mtg.team')}</label>
        <select id="mtg-team" value=${team} onChange=${(e) => setTeam(e.currentTarget.value)}>
          ${company ? html`<option value="">${t('mtg.company')}</option>` : null}
          ${teams.map((tm) => html`<option key=${tm.id} value=${tm.id}>${tm.name}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="mtg-time">${t('mtg.time')}</label>
        <input id="mtg-time" type="datetime-local" value=${at} onInput=${(e) => setAt(e.currentTarget.value)} />
      </div>
    </div>
    <div class="field">
      <span class="label">${t('mtg.attendees')}</span>
      <${Attendees} id="mtg-attendee" people=${people} onChange=${setPeople} />
    </div>
    <div class="form-actions form-actions-start">
      <button type="submit" class="btn btn-primary" disabled=${busy}>${t('mtg.create')}</button>
      <button type="button" class="btn btn-ghost" onClick=${onCancel}>${t('mtg.cancel')}</button>
    </div>
    <${FormError} id="mtg-new-error" message=${error} />
  </form>`;
}

export function Meetings({ cycleId }) {
  const teamId = useQuery().get('team');
  const [data, error, reload] = useLoad(Q_MEETINGS, { c: cycleId, t: teamId }, [cycleId, teamId]);
  const [creating, setCreating] = useState(false);
  const base = '/cycle/' + encodeURIComponent(cycleId) + '/meetings';
  const phase = (cycleOf(cycleId) || {}).phase;
  const allowed = data ? meetingTeams(viewer.value, data.teams, data.teamMemberships) : null;
  const mayCreate = !!allowed && (allowed.company || allowed.teams.length > 0);
  return html`<main id="main" class="page meetings-page">
    <${CycleHead} cycleId=${cycleId} title=${t('mtg.title')}>
      ${creating || !mayCreate ? null : html`<button type="button" class="btn btn-primary mtg-new-btn" onClick=${() => setCreating(true)}>＋ ${t('mtg.new')}</button>`}
    </${CycleHead}>
    ${
      !data
        ? html`<${PageMessage} error=${error} onRetry=${reload} />`
        : html`${creating ? html`<${NewMeeting} cycleId=${cycleId} phase=${phase} allowed=${allowed} teamId=${teamId} onCancel=${() => setCreating(false)} />` : null}
            <${TeamSelect} id="mtg-scope" label=${t('mtg.of')} base=${base} teamId=${teamId} teams=${data.teams} />
            ${
              data.meetings.length
                ? html`<ul class="mtg-list">
                  ${data.meetings.map(
                    (m) => html`<li key=${m.id} class="card mtg-line" data-id=${m.id} data-kind=${m.kind} data-state=${m.state}>
                      <a class="mtg-line-title" href=${'/meeting/' + encodeURIComponent(m.id)}>${t('mtg.kind.' + m.kind)} · ${m.team ? m.team.name : t('mtg.company')}</a>
                      <${StateTag} state=${m.state} />
                      <span class="muted">${formatInstant(m.startedAt || m.startsAt)}</span>
                      <span class="muted">${t('mtg.ledBy', { name: m.facilitator ? m.facilitator.displayName : '' })}</span>
                      <span class="muted num">${t('mtg.items', { count: m.agenda.length })}</span>
                      <span class="avatars" role="group" aria-label=${t('mtg.attendees')}>${m.attendees.slice(0, 8).map((u) => html`<${Avatar} key=${u.id} user=${u} size="sm" />`)}</span>
                    </li>`,
                  )}
                </ul>`
                : html`<p class="muted">${t('mtg.none')}</p>`
            }`
    }
  </main>`;
}
