// /admin[/<tab>]: what admins run the organization with — its settings and join link, the team
// tree, people (invite, role, manager, deactivate), cycles (from a template; phases on /cycles),
// archived objectives, and the activity log. One lazy chunk with its own strings (i18n/admin).
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { t, lang, formatDate, formatInstant } from '../i18n/index.js';
import { gql } from '../api/client.js';
import { viewer } from '../store.js';
import * as A from '../api/admin.js';
import { M_ARCHIVE } from '../api/okr.js';
import { useLoad } from '../components/useLoad.js';
import { PageMessage } from '../components/PageMessage.js';
import { Field, FormError, Notice, errorsFrom } from '../components/forms.js';
import { LIMITS } from '../lib/limits.js';
import { templateDates, nextPeriod, teamTree, moveTargets } from '../lib/admin.js';

export const TABS = ['org', 'teams', 'people', 'cycles', 'objectives', 'log'];
// screens of their own (pages/SsoSettings.js, pages/Import.js), reached from the same row
const SETUP = ['sso', 'import'];

/** Runs `fn`, keeping busy / error / done for a form; `fields` get their errors beside them. */
function useSubmit(fields = []) {
  const [state, setState] = useState({ busy: false, errors: {}, done: null });
  const run = async (fn, doneKey) => {
    setState({ busy: true, errors: {}, done: null });
    try {
      await fn();
      setState({ busy: false, errors: {}, done: doneKey ? t(doneKey) : null });
      return true;
    } catch (err) {
      setState({ busy: false, errors: errorsFrom(err, fields), done: null });
      return false;
    }
  };
  return [state, run];
}

const weekdays = () =>
  [1, 2, 3, 4, 5, 6, 7].map((d) => [
    d,
    new Intl.DateTimeFormat(lang.value, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, d))),
  ]);

function WeekdayOptions() {
  return weekdays().map(([d, name]) => html`<option key=${d} value=${d}>${name}</option>`);
}

// ---- organization ---------------------------------------------------------------------------

function OrgTab() {
  const [data, error, reload] = useLoad(A.Q_ORG, null, []);
  if (!data) return html`<${PageMessage} error=${error} onRetry=${reload} />`;
  return html`<${OrgForm} org=${data.organization} />
    <${ScheduleForm} schedule=${data.reminderSchedule} />
    <${JoinLink} org=${data.organization} />`;
}

function OrgForm({ org }) {
  const [v, setV] = useState({
    name: org.name,
    weekStart: String(org.weekStart),
    behindGap: String(Math.round(org.behindGap * 100)),
    atRiskGap: String(Math.round(org.atRiskGap * 100)),
    staleDays: String(org.staleDays),
  });
  const fields = ['name', 'weekStart', 'behindGap', 'atRiskGap', 'staleDays'];
  const [s, run] = useSubmit(fields);
  const set = (k) => (x) => setV({ ...v, [k]: x });
  const save = (e) => {
    e.preventDefault();
    const input = {
      name: v.name,
      weekStart: Number(v.weekStart),
      behindGap: Number(v.behindGap) / 100,
      atRiskGap: Number(v.atRiskGap) / 100,
      staleDays: Number(v.staleDays),
    };
    run(() => gql(A.M_ORG, { i: input }), 'admin.saved');
  };
  return html`<form class="card admin-card" onSubmit=${save} novalidate>
    <h2 class="section-title">${t('admin.org.title')}</h2>
    <${Field} id="org-name" label=${t('admin.org.name')} value=${v.name} onValue=${set('name')} error=${s.errors.name} maxlength=${LIMITS.name} />
    <${Field} id="org-week" as="select" label=${t('admin.org.weekStart')} value=${v.weekStart} onValue=${set('weekStart')} error=${s.errors.weekStart}>
      <${WeekdayOptions} />
    <//>
    <h3 class="sub-title">${t('admin.org.thresholds')}</h3>
    <p class="muted">${t('admin.org.thresholdsHint')}</p>
    <div class="admin-row">
      <${Field} id="org-behind" type="number" min="0" max="100" label=${t('admin.org.behindGap')} value=${v.behindGap} onValue=${set('behindGap')} error=${s.errors.behindGap} />
      <${Field} id="org-risk" type="number" min="0" max="100" label=${t('admin.org.atRiskGap')} value=${v.atRiskGap} onValue=${set('atRiskGap')} error=${s.errors.atRiskGap} />
      <${Field} id="org-stale" type="number" min="1" max="365" label=${t('admin.org.staleDays')} value=${v.staleDays} onValue=${set('staleDays')} error=${s.errors.staleDays} />
    </div>
    <${FormError} id="org-error" message=${s.errors._form} />
    <${Notice} message=${s.done} />
    <div class="form-actions form-actions-start"><button class="btn btn-primary" disabled=${s.busy}>${t('admin.save')}</button></div>
  </form>`;
}

function ScheduleForm({ schedule }) {
  const [v, setV] = useState({
    ...schedule,
    checkInWeekday: String(schedule.checkInWeekday),
    digestWeekday: String(schedule.digestWeekday),
    milestoneDays: String(schedule.milestoneDays),
  });
  const fields = ['timeZone', 'checkInWeekday', 'checkInTime', 'digestWeekday', 'digestTime', 'milestoneDays'];
  const [s, run] = useSubmit(fields);
  const set = (k) => (x) => setV({ ...v, [k]: x });
  const save = (e) => {
    e.preventDefault();
    const input = {
      ...v,
      checkInWeekday: Number(v.checkInWeekday),
      digestWeekday: Number(v.digestWeekday),
      milestoneDays: Number(v.milestoneDays),
    };
    run(() => gql(A.M_SCHEDULE, { i: input }), 'admin.saved');
  };
  return html`<form class="card admin-card" onSubmit=${save} novalidate>
    <h2 class="section-title">${t('admin.schedule.title')}</h2>
    <${Field} id="sch-zone" label=${t('admin.schedule.timeZone')} hint=${t('admin.schedule.timeZoneHint')} value=${v.timeZone} onValue=${set('timeZone')} error=${s.errors.timeZone} />
    <div class="admin-row">
      <${Field} id="sch-ci-day" as="select" label=${t('admin.schedule.checkIn')} value=${v.checkInWeekday} onValue=${set('checkInWeekday')} error=${s.errors.checkInWeekday}><${WeekdayOptions} /><//>
      <${Field} id="sch-ci-time" type="time" label=${t('admin.schedule.at')} value=${v.checkInTime} onValue=${set('checkInTime')} error=${s.errors.checkInTime} />
    </div>
    <div class="admin-row">
      <${Field} id="sch-dg-day" as="select" label=${t('admin.schedule.digest')} value=${v.digestWeekday} onValue=${set('digestWeekday')} error=${s.errors.digestWeekday}><${WeekdayOptions} /><//>
      <${Field} id="sch-dg-time" type="time" label=${t('admin.schedule.at')} value=${v.digestTime} onValue=${set('digestTime')} error=${s.errors.digestTime} />
    </div>
    <${Field} id="sch-ms" type="number" min="0" max="30" label=${t('admin.schedule.milestoneDays')} value=${v.milestoneDays} onValue=${set('milestoneDays')} error=${s.errors.milestoneDays} />
    <${FormError} id="sch-error" message=${s.errors._form} />
    <${Notice} message=${s.done} />
    <div class="form-actions form-actions-start"><button class="btn btn-primary" disabled=${s.busy}>${t('admin.save')}</button></div>
  </form>`;
}

function JoinLink({ org }) {
  const [now, setNow] = useState(org);
  const [domain, setDomain] = useState(org.joinDomain || '');
  const [s, run] = useSubmit(['joinDomain']);
  const send = (d, renew) => run(async () => setNow((await gql(A.M_JOIN_LINK, { d, r: renew })).setJoinLink));
  const link = now.joinKey ? location.origin + '/join/' + now.joinKey : null;
  return html`<section class="card admin-card" aria-labelledby="join-title">
    <h2 class="section-title" id="join-title">${t('admin.join.title')}</h2>
    <p class="muted">${t('admin.join.about')}</p>
    <${Field} id="join-domain" label=${t('admin.join.domain')} placeholder="example.com" value=${domain} onValue=${setDomain} error=${s.errors.joinDomain} />
    ${link ? html`<p class="join-link"><span>${t('admin.join.link')}</span> <code>${link}</code></p>` : html`<p class="muted">${t('admin.join.closed')}</p>`}
    <${FormError} id="join-error" message=${s.errors._form} />
    <div class="form-actions form-actions-start">
      <button type="button" class="btn btn-primary" disabled=${s.busy} onClick=${() => send(domain, false)}>${t(link ? 'admin.join.save' : 'admin.join.open')}</button>
      ${
        link
          ? html`<button type="button" class="btn" disabled=${s.busy} onClick=${() => send(domain, true)}>${t('admin.join.renew')}</button>
        <button type="button" class="btn" disabled=${s.busy} onClick=${() => (setDomain(''), send('', false))}>${t('admin.join.close')}</button>`
          : null
      }
    </div>
  </section>`;
}

// ---- teams ----------------------------------------------------------------------------------

function TeamRow({ team, depth, teams, people, members, onChanged }) {
  const [name, setName] = useState(team.name);
  const [s, run] = useSubmit(['name', 'parentId']);
  const [adding, setAdding] = useState('');
  const mine = members.filter((m) => m.teamId === team.id);
  const byId = new Map(people.map((p) => [p.id, p]));
  const act = (fn) => run(fn).then((ok) => ok && onChanged());
  const targets = moveTargets(teams, team.id);
  return html`<li class="team-row" style=${'--depth:' + depth} data-id=${team.id}>
    <div class="admin-row">
      <${Field} id=${'team-name-' + team.id} label=${t('admin.teams.name')} value=${name} onValue=${setName} error=${s.errors.name} maxlength=${LIMITS.name} />
      <${Field}
        id=${'team-parent-' + team.id}
        as="select"
        label=${t('admin.teams.parent')}
        value=${team.parentId || ''}
        error=${s.errors.parentId}
        onValue=${(p) => act(() => gql(A.M_UPDATE_TEAM, { id: team.id, p: p || null }))}
      >
        <option value="">${t('admin.teams.top')}</option>
        ${targets.map((x) => html`<option key=${x.id} value=${x.id}>${x.name}</option>`)}
      <//>
    </div>
    ${name !== team.name ? html`<button type="button" class="btn btn-small" onClick=${() => act(() => gql(A.M_UPDATE_TEAM, { id: team.id, n: name }))}>${t('admin.teams.rename')}</button>` : null}
    <ul class="team-members">
      ${mine.map((m) => {
        const p = byId.get(m.userId);
        return html`<li key=${m.userId}>
          <span>${p ? p.displayName : m.userId}</span>
          ${m.isLead ? html`<span class="tag">${t('admin.teams.lead')}</span>` : null}
          <button type="button" class="btn btn-small" onClick=${() => act(() => gql(A.M_TEAM_MEMBER, { t: team.id, u: m.userId, m: true, l: !m.isLead }))}>
            ${t(m.isLead ? 'admin.teams.unlead' : 'admin.teams.makeLead')}
          </button>
          <button type="button" class="btn btn-small" onClick=${() => act(() => gql(A.M_TEAM_MEMBER, { t: team.id, u: m.userId, m: false, l: false }))}>${t('admin.teams.remove')}</button>
        </li>`;
      })}
    </ul>
    <div class="admin-row">
      <${Field} id=${'team-add-' + team.id} as="select" label=${t('admin.teams.addMember')} value=${adding} onValue=${setAdding}>
        <option value="">—</option>
        ${people.filter((p) => p.isActive && !mine.some((m) => m.userId === p.id)).map((p) => html`<option key=${p.id} value=${p.id}>${p.displayName}</option>`)}
      <//>
      <button type="button" class="btn" disabled=${!adding || s.busy} onClick=${() => act(() => gql(A.M_TEAM_MEMBER, { t: team.id, u: adding, m: true, l: false })).then(() => setAdding(''))}>
        ${t('admin.teams.add')}
      </button>
    </div>
    <${FormError} id=${'team-error-' + team.id} message=${s.errors._form} />
  </li>`;
}

function NewTeam({ teams, onChanged }) {
  const [name, setName] = useState('');
  const [parent, setParent] = useState('');
  const [s, run] = useSubmit(['name', 'parentId']);
  const create = async (e) => {
    e.preventDefault();
    if (await run(() => gql(A.M_CREATE_TEAM, { n: name, p: parent || null }))) {
      setName('');
      onChanged();
    }
  };
  return html`<form class="card admin-card new-team" onSubmit=${create} novalidate>
    <h2 class="section-title">${t('admin.teams.new')}</h2>
    <div class="admin-row">
      <${Field} id="new-team-name" label=${t('admin.teams.name')} value=${name} onValue=${setName} error=${s.errors.name} maxlength=${LIMITS.name} />
      <${Field} id="new-team-parent" as="select" label=${t('admin.teams.parent')} value=${parent} onValue=${setParent} error=${s.errors.parentId}>
        <option value="">${t('admin.teams.top')}</option>
        ${teamTree(teams).map(({ team }) => html`<option key=${team.id} value=${team.id}>${team.name}</option>`)}
      <//>
    </div>
    <${FormError} id="new-team-error" message=${s.errors._form} />
    <div class="form-actions form-actions-start"><button class="btn btn-primary" disabled=${s.busy}>${t('admin.teams.create')}</button></div>
  </form>`;
}

function TeamsTab() {
  const [data, error, reload] = useLoad(A.Q_PEOPLE_ADMIN, null, []);
  if (!data) return html`<${PageMessage} error=${error} onRetry=${reload} />`;
  return html`<${NewTeam} teams=${data.teams} onChanged=${reload} />
    <section class="card admin-card" aria-labelledby="tree-title">
      <h2 class="section-title" id="tree-title">${t('admin.teams.tree')}</h2>
      ${data.teams.length ? null : html`<p class="muted">${t('admin.teams.none')}</p>`}
      <ul class="team-tree">
        ${teamTree(data.teams).map(
          ({ team, depth }) =>
            html`<${TeamRow} key=${team.id + ':' + team.parentId + ':' + team.name} team=${team} depth=${depth} teams=${data.teams} people=${data.members} members=${data.teamMemberships} onChanged=${reload} />`,
        )}
      </ul>
    </section>`;
}

// ---- people ---------------------------------------------------------------------------------

function Invite({ teams, people, onChanged }) {
  const empty = { email: '', displayName: '', role: 'MEMBER', teamId: '', managerId: '' };
  const [v, setV] = useState(empty);
  const [s, run] = useSubmit(['email', 'displayName', 'teamId', 'managerId']);
  const set = (k) => (x) => setV({ ...v, [k]: x });
  const send = async (e) => {
    e.preventDefault();
    const i = {
      email: v.email,
      displayName: v.displayName || null,
      role: v.role,
      teamId: v.teamId || null,
      managerId: v.managerId || null,
      locale: lang.value,
    };
    if (await run(() => gql(A.M_INVITE, { i }), 'admin.people.invited')) {
      setV(empty);
      onChanged();
    }
  };
  return html`<form class="card admin-card invite-form" onSubmit=${send} novalidate>
    <h2 class="section-title">${t('admin.people.invite')}</h2>
    <p class="muted">${t('admin.people.inviteAbout')}</p>
    <div class="admin-row">
      <${Field} id="invite-email" type="email" label=${t('admin.people.email')} value=${v.email} onValue=${set('email')} error=${s.errors.email} autocomplete="off" />
      <${Field} id="invite-name" label=${t('admin.people.name')} value=${v.displayName} onValue=${set('displayName')} error=${s.errors.displayName} maxlength=${LIMITS.displayName} />
    </div>
    <div class="admin-row">
      <${Field} id="invite-role" as="select" label=${t('admin.people.role')} value=${v.role} onValue=${set('role')}>
        <option value="MEMBER">${t('admin.role.MEMBER')}</option><option value="ADMIN">${t('admin.role.ADMIN')}</option>
      <//>
      <${Field} id="invite-team" as="select" label=${t('admin.people.team')} value=${v.teamId} onValue=${set('teamId')} error=${s.errors.teamId}>
        <option value="">—</option>
        ${teamTree(teams).map(({ team }) => html`<option key=${team.id} value=${team.id}>${team.name}</option>`)}
      <//>
      <${Field} id="invite-manager" as="select" label=${t('admin.people.manager')} value=${v.managerId} onValue=${set('managerId')} error=${s.errors.managerId}>
        <option value="">—</option>
        ${people.filter((p) => p.isActive).map((p) => html`<option key=${p.id} value=${p.id}>${p.displayName}</option>`)}
      <//>
    </div>
    <${FormError} id="invite-error" message=${s.errors._form} />
    <${Notice} message=${s.done} />
    <div class="form-actions form-actions-start"><button class="btn btn-primary" disabled=${s.busy}>${t('admin.people.send')}</button></div>
  </form>`;
}

function PersonRow({ p, people, teams, teamsOf, self, onChanged }) {
  const [s, run] = useSubmit(['role', 'managerId', 'isActive']);
  const join = (team) => team && run(() => gql(A.M_TEAM_MEMBER, { t: team, u: p.id, m: true, l: false })).then((ok) => ok && onChanged());
  const change = (i) => run(() => gql(A.M_UPDATE_USER, { id: p.id, i })).then((ok) => ok && onChanged());
  return html`<li class=${'person-row' + (p.isActive ? '' : ' inactive')} data-id=${p.id}>
    <div class="person-who">
      <strong><bdi>${p.displayName}</bdi></strong> <span class="muted">@${p.handle} · ${p.email}</span>
      ${p.isActive ? null : html`<span class="tag">${t('admin.people.deactivated')}</span>`}
      <span class="muted">${teamsOf(p.id)}</span>
    </div>
    <div class="admin-row">
      <${Field} id=${'role-' + p.id} as="select" label=${t('admin.people.role')} value=${p.role} disabled=${self} onValue=${(r) => change({ role: r })} error=${s.errors.role}>
        <option value="MEMBER">${t('admin.role.MEMBER')}</option><option value="ADMIN">${t('admin.role.ADMIN')}</option>
      <//>
      <${Field} id=${'manager-' + p.id} as="select" label=${t('admin.people.manager')} value=${p.managerId || ''} onValue=${(m) => m && change({ managerId: m })} error=${s.errors.managerId}>
        <option value="">—</option>
        ${people.filter((x) => x.id !== p.id && x.isActive).map((x) => html`<option key=${x.id} value=${x.id}>${x.displayName}</option>`)}
      <//>
      <${Field} id=${'join-team-' + p.id} as="select" label=${t('admin.people.addToTeam')} value="" onValue=${join}>
        <option value="">—</option>
        ${teamTree(teams).map(({ team }) => html`<option key=${team.id} value=${team.id}>${team.name}</option>`)}
      <//>
    </div>
    ${self ? null : html`<button type="button" class="btn btn-small" disabled=${s.busy} onClick=${() => change({ isActive: !p.isActive })}>${t(p.isActive ? 'admin.people.deactivate' : 'admin.people.reactivate')}</button>`}
    <${FormError} id=${'person-error-' + p.id} message=${s.errors._form || s.errors.isActive} />
  </li>`;
}

function PeopleTab() {
  const [data, error, reload] = useLoad(A.Q_PEOPLE_ADMIN, null, []);
  const [q, setQ] = useState('');
  if (!data) return html`<${PageMessage} error=${error} onRetry=${reload} />`;
  const names = new Map(data.teams.map((x) => [x.id, x.name]));
  const teamsOf = (id) =>
    data.teamMemberships
      .filter((m) => m.userId === id)
      .map((m) => names.get(m.teamId))
      .join(', ');
  const needle = q.trim().toLowerCase();
  const shown = data.members.filter((p) => !needle || [p.displayName, p.handle, p.email].some((x) => x.toLowerCase().includes(needle)));
  const me = (viewer.value || {}).id;
  const revoke = (id) => gql(A.M_REVOKE_INVITE, { id }).then(reload);
  return html`<${Invite} teams=${data.teams} people=${data.members} onChanged=${reload} />
    ${
      data.invitations.length
        ? html`<section class="card admin-card" aria-labelledby="pending-title">
          <h2 class="section-title" id="pending-title">${t('admin.people.pending')}</h2>
          <ul class="admin-list">
            ${data.invitations.map(
              (i) => html`<li key=${i.id} class="invitation-row">
                <span>${i.displayName || i.email} <span class="muted">${i.email} · ${t('admin.people.until', { date: formatDate(i.expiresAt.slice(0, 10)) })}</span></span>
                <button type="button" class="btn btn-small" onClick=${() => revoke(i.id)}>${t('admin.people.revoke')}</button>
              </li>`,
            )}
          </ul>
        </section>`
        : null
    }
    <section class="card admin-card" aria-labelledby="people-title">
      <h2 class="section-title" id="people-title">${t('admin.people.title', { count: data.members.length })}</h2>
      <${Field} id="people-search" type="search" label=${t('admin.people.search')} value=${q} onValue=${setQ} />
      <ul class="admin-list">
        ${shown.map((p) => html`<${PersonRow} key=${p.id + p.role + p.isActive + p.managerId} p=${p} people=${data.members} teams=${data.teams} teamsOf=${teamsOf} self=${p.id === me} onChanged=${reload} />`)}
      </ul>
    </section>`;
}

// ---- cycles ---------------------------------------------------------------------------------

const today = () => new Date().toISOString().slice(0, 10);

function cycleName(year, q) {
  return q ? t('admin.cycles.quarterName', { year, quarter: t('admin.cycles.quarter.' + q) }) : t('admin.cycles.yearName', { year });
}

function NewCycle({ cycles, onChanged }) {
  const fill = (kind) => {
    if (kind === 'CUSTOM') return { kind, name: '', startsOn: '', endsOn: '' };
    const { year, q } = nextPeriod(cycles, kind, today());
    return { kind, name: cycleName(year, q), ...templateDates(year, q) };
  };
  const [v, setV] = useState(() => fill('QUARTER'));
  const [s, run] = useSubmit(['name', 'startsOn', 'endsOn']);
  const set = (k) => (x) => setV({ ...v, [k]: x });
  const create = async (e) => {
    e.preventDefault();
    const i = { name: v.name, startsOn: v.startsOn || null, endsOn: v.endsOn || null };
    if (await run(() => gql(A.M_CREATE_CYCLE, { i }), 'admin.cycles.created')) onChanged();
  };
  return html`<form class="card admin-card new-cycle" onSubmit=${create} novalidate>
    <h2 class="section-title">${t('admin.cycles.new')}</h2>
    <${Field} id="cycle-kind" as="select" label=${t('admin.cycles.template')} value=${v.kind} onValue=${(k) => setV(fill(k))}>
      <option value="QUARTER">${t('admin.cycles.QUARTER')}</option>
      <option value="ANNUAL">${t('admin.cycles.ANNUAL')}</option>
      <option value="CUSTOM">${t('admin.cycles.CUSTOM')}</option>
    <//>
    <${Field} id="cycle-name" label=${t('admin.cycles.name')} value=${v.name} onValue=${set('name')} error=${s.errors.name} maxlength=${LIMITS.name} />
    <div class="admin-row">
      <${Field} id="cycle-starts" type="date" label=${t('admin.cycles.startsOn')} value=${v.startsOn} onValue=${set('startsOn')} error=${s.errors.startsOn} />
      <${Field} id="cycle-ends" type="date" label=${t('admin.cycles.endsOn')} value=${v.endsOn} onValue=${set('endsOn')} error=${s.errors.endsOn} />
    </div>
    <${FormError} id="cycle-error" message=${s.errors._form} />
    <${Notice} message=${s.done} />
    <div class="form-actions form-actions-start"><button class="btn btn-primary" disabled=${s.busy}>${t('admin.cycles.create')}</button></div>
  </form>`;
}

function CycleRow({ c, onChanged }) {
  const [v, setV] = useState({ name: c.name, startsOn: c.startsOn, endsOn: c.endsOn });
  const [s, run] = useSubmit(['name', 'startsOn', 'endsOn']);
  const set = (k) => (x) => setV({ ...v, [k]: x });
  const dirty = v.name !== c.name || v.startsOn !== c.startsOn || v.endsOn !== c.endsOn;
  const save = (e) => (
    e.preventDefault(),
    run(() => gql(A.M_UPDATE_CYCLE, { id: c.id, i: v }), 'admin.saved').then((ok) => ok && onChanged())
  );
  return html`<li class="cycle-row" data-id=${c.id}>
    <form onSubmit=${save} novalidate>
      <div class="admin-row">
        <${Field} id=${'cn-' + c.id} label=${t('admin.cycles.name')} value=${v.name} onValue=${set('name')} error=${s.errors.name} maxlength=${LIMITS.name} />
        <${Field} id=${'cs-' + c.id} type="date" label=${t('admin.cycles.startsOn')} value=${v.startsOn} onValue=${set('startsOn')} error=${s.errors.startsOn} />
        <${Field} id=${'ce-' + c.id} type="date" label=${t('admin.cycles.endsOn')} value=${v.endsOn} onValue=${set('endsOn')} error=${s.errors.endsOn} />
      </div>
      <p class="muted">${t('admin.cycles.phase', { phase: t('admin.phase.' + c.phase) })}</p>
      <${FormError} id=${'cycle-error-' + c.id} message=${s.errors._form} />
      <${Notice} message=${s.done} />
      <div class="form-actions form-actions-start">
        ${dirty ? html`<button class="btn btn-primary" disabled=${s.busy}>${t('admin.save')}</button>` : null}
        <a class="btn" href="/cycles">${t('admin.cycles.phases')}</a>
      </div>
    </form>
  </li>`;
}

function CyclesTab() {
  const [data, error, reload] = useLoad(A.Q_CYCLES_ADMIN, null, []);
  if (!data) return html`<${PageMessage} error=${error} onRetry=${reload} />`;
  const list = [...data.cycles].sort((a, b) => (a.startsOn < b.startsOn ? 1 : -1));
  return html`<${NewCycle} key=${data.cycles.length} cycles=${data.cycles} onChanged=${reload} />
    <section class="card admin-card" aria-labelledby="cycles-title">
      <h2 class="section-title" id="cycles-title">${t('admin.cycles.title')}</h2>
      <ul class="admin-list">${list.map((c) => html`<${CycleRow} key=${c.id + c.name + c.startsOn + c.endsOn + c.phase} c=${c} onChanged=${reload} />`)}</ul>
    </section>`;
}

// ---- archived objectives --------------------------------------------------------------------

function ObjectivesTab() {
  const [cycles] = useLoad(A.Q_CYCLES_ADMIN, null, []);
  const [cycle, setCycle] = useState('');
  // the cycle being tracked, else the latest: where a wrong objective most likely is
  const list = cycles
    ? [...cycles.cycles].sort((a, b) => (a.phase === 'TRACKING') - (b.phase === 'TRACKING') || (a.startsOn < b.startsOn ? -1 : 1))
    : [];
  const chosen = cycle || (list.length ? list[list.length - 1].id : '');
  const [data, error, reload] = useLoad(chosen ? A.Q_CYCLE_OBJECTIVES : null, { c: chosen }, [chosen]);
  const [s, run] = useSubmit();
  const toggle = (o) => run(() => gql(M_ARCHIVE, { id: o.id, v: o.version, r: o.state === 'ARCHIVED' })).then((ok) => ok && reload());
  return html`<section class="card admin-card" aria-labelledby="objs-title">
    <h2 class="section-title" id="objs-title">${t('admin.objectives.title')}</h2>
    <p class="muted">${t('admin.objectives.about')}</p>
    <${Field} id="objs-cycle" as="select" label=${t('admin.objectives.cycle')} value=${chosen} onValue=${setCycle}>
      ${list.map((c) => html`<option key=${c.id} value=${c.id}>${c.name}</option>`)}
    <//>
    <${FormError} id="objs-error" message=${s.errors._form} />
    ${
      data
        ? html`<ul class="admin-list">
          ${[
            ...data.objectives.sort((a, b) => a.title.localeCompare(b.title)),
            ...data.archivedObjectives.map((o) => ({ ...o, state: 'ARCHIVED' })),
          ].map(
            (o) => html`<li key=${o.id} class=${'objective-row' + (o.state === 'ARCHIVED' ? ' inactive' : '')} data-id=${o.id}>
                <span><a href=${'/objective/' + encodeURIComponent(o.id)}><bdi>${o.title}</bdi></a> <bdi class="muted">${o.owner.displayName}</bdi>
                ${o.state === 'ARCHIVED' ? html`<span class="tag">${t('admin.objectives.archived')}</span>` : null}</span>
                <button type="button" class="btn btn-small" disabled=${s.busy} onClick=${() => toggle(o)}>${t(o.state === 'ARCHIVED' ? 'admin.objectives.restore' : 'admin.objectives.archive')}</button>
              </li>`,
          )}
        </ul>`
        : html`<${PageMessage} error=${error} onRetry=${reload} />`
    }
  </section>`;
}

// ---- the activity log -----------------------------------------------------------------------

function LogTab() {
  const [f, setF] = useState({ a: '', t: '', s: '', u: '' });
  const [pages, setPages] = useState([]); // older pages loaded with "more"
  const vars = {
    a: f.a || null,
    t: f.t || null,
    s: f.s ? new Date(f.s).toISOString() : null,
    u: f.u ? new Date(f.u + 'T23:59:59').toISOString() : null,
  };
  const [data, error, reload] = useLoad(A.Q_LOG, vars, [f.a, f.t, f.s, f.u]);
  const [targets] = useLoad(A.Q_PEOPLE_ADMIN, null, []);
  const [cycles] = useLoad(A.Q_CYCLES_ADMIN, null, []);
  const set = (k) => (x) => (setPages([]), setF({ ...f, [k]: x }));
  const names = new Map((data ? data.members : []).map((p) => [p.id, p.displayName]));
  const entries = data ? [data.activityLog, ...pages].flat() : [];
  const more = async () => {
    const last = entries[entries.length - 1];
    const d = await gql(A.Q_LOG, { ...vars, b: last.seq });
    setPages([...pages, d.activityLog]);
  };
  return html`<section class="card admin-card" aria-labelledby="log-title">
    <h2 class="section-title" id="log-title">${t('admin.log.title')}</h2>
    <div class="admin-row">
      <${Field} id="log-person" as="select" label=${t('admin.log.person')} value=${f.a} onValue=${set('a')}>
        <option value="">${t('admin.log.anyone')}</option>
        ${(data ? data.members : []).map((p) => html`<option key=${p.id} value=${p.id}>${p.displayName}</option>`)}
      <//>
      <${Field} id="log-object" as="select" label=${t('admin.log.object')} value=${f.t} onValue=${set('t')}>
        <option value="">${t('admin.log.anything')}</option>
        ${(cycles ? cycles.cycles : []).map((c) => html`<option key=${c.id} value=${c.id}>${t('admin.log.cycle', { name: c.name })}</option>`)}
        ${(targets ? targets.teams : []).map((x) => html`<option key=${x.id} value=${x.id}>${t('admin.log.team', { name: x.name })}</option>`)}
        ${(targets ? targets.members : []).map((x) => html`<option key=${x.id} value=${x.id}>${t('admin.log.personObject', { name: x.displayName })}</option>`)}
        ${f.t.startsWith('obj_') ? html`<option value=${f.t}>${t('admin.log.objective', { name: f.title || f.t })}</option>` : null}
      <//>
    </div>
    <div class="admin-row">
      <${Field} id="log-since" type="date" label=${t('admin.log.since')} value=${f.s} onValue=${set('s')} />
      <${Field} id="log-until" type="date" label=${t('admin.log.until')} value=${f.u} onValue=${set('u')} />
    </div>
    ${
      data
        ? html`<ol class="admin-list log-list">
          ${entries.map(
            (e) => html`<li key=${e.seq} data-kind=${e.kind}>
              <span class="muted num">${formatInstant(e.at)}</span>
              <strong>${e.actorId ? names.get(e.actorId) || '—' : t('admin.log.system')}</strong>
              <span>${t('admin.kind.' + e.kind) === 'admin.kind.' + e.kind ? e.kind : t('admin.kind.' + e.kind)}</span>
              ${e.subject ? html`<span class="log-subject">${e.objectiveId ? html`<a href=${'/objective/' + encodeURIComponent(e.objectiveId)}>${e.subject}</a>` : e.subject}</span>` : null}
              ${e.changed.length ? html`<span class="muted">(${e.changed.join(', ')})</span>` : null}
              ${e.objectiveId && f.t !== e.objectiveId ? html`<button type="button" class="btn btn-small" onClick=${() => (setPages([]), setF({ ...f, t: e.objectiveId, title: e.subject }))}>${t('admin.log.onlyThis')}</button>` : null}
            </li>`,
          )}
        </ol>
        ${entries.length ? null : html`<p class="muted">${t('admin.log.empty')}</p>`}
        ${entries.length && entries.length % 50 === 0 ? html`<button type="button" class="btn" onClick=${more}>${t('admin.log.more')}</button>` : null}`
        : html`<${PageMessage} error=${error} onRetry=${reload} />`
    }
  </section>`;
}

const PANES = { org: OrgTab, teams: TeamsTab, people: PeopleTab, cycles: CyclesTab, objectives: ObjectivesTab, log: LogTab };

export function Admin({ tab = 'org' }) {
  if ((viewer.value || {}).role !== 'ADMIN')
    return html`<main id="main" class="page"><${PageMessage} error=${{ code: 'FORBIDDEN', message: t('admin.only') }} /></main>`;
  const Pane = PANES[tab] || OrgTab;
  return html`<main id="main" class="page admin-page">
    <div class="page-head"><h1 class="page-title">${t('admin.title')}</h1></div>
    <nav class="admin-tabs" aria-label=${t('admin.title')}>
      ${TABS.map((x) => html`<a key=${x} href=${x === 'org' ? '/admin' : '/admin/' + x} class=${'admin-tab' + (x === tab ? ' active' : '')} aria-current=${x === tab ? 'page' : undefined}>${t('admin.tab.' + x)}</a>`)}
      ${SETUP.map((x) => html`<a key=${x} href=${'/admin/' + x} class="admin-tab">${t('admin.tab.' + x)}</a>`)}
    </nav>
    <${Pane} key=${tab} />
  </main>`;
}
