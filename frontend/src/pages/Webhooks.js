// /settings/webhooks: the group-chat robots of the teams I may set them up for (admins: every
// team; leads: theirs) — add one (Feishu, DingTalk, WeCom, Slack: its address, its signing
// secret), send it a test message, see it paused after failures and resume it, delete it.
// The address and the secret are never shown again: the server gives back a hint only.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { t, formatInstant, lang } from '../i18n/index.js';
import { gql } from '../api/client.js';
import { viewer } from '../store.js';
import { Q_WEBHOOKS, M_CREATE_WEBHOOK, M_UPDATE_WEBHOOK, M_DELETE_WEBHOOK, M_TEST_WEBHOOK } from '../api/reach.js';
import { useLoad } from '../components/useLoad.js';
import { PageMessage } from '../components/PageMessage.js';
import { Field, FormError, Notice, errorsFrom } from '../components/forms.js';
import { LIMITS } from '../lib/limits.js';
import { KINDS, hookState } from '../lib/reach.js';
import { teamTree } from '../lib/dashboard.js';

const FIELDS = ['teamId', 'kind', 'url', 'secret', 'name', 'locale'];

/** What a robot is told and posts: its address, secret, name, language, topics (new or edited). */
function HookFields({ id, kind, f, set, errors, editing = false }) {
  const keep = editing ? ' ' + t('hooks.keepEmpty') : '';
  return html`<${Field} id=${id + '-url'} label=${t('hooks.url')} value=${f.url} onValue=${set('url')} error=${errors.url} required=${!editing}
      type="url" inputmode="url" autocomplete="off" spellcheck="false" hint=${t('hooks.urlHint.' + kind, { host: KINDS[kind].host }) + keep} />
    ${
      KINDS[kind].signed
        ? html`<${Field} id=${id + '-secret'} label=${t('hooks.secret')} value=${f.secret} onValue=${set('secret')} error=${errors.secret}
            type="password" autocomplete="off" hint=${t('hooks.secretHint.' + kind) + keep} />`
        : null
    }
    <div class="hook-form-row">
      <${Field} id=${id + '-name'} label=${t('hooks.name')} value=${f.name} onValue=${set('name')} error=${errors.name} maxlength=${LIMITS.name} placeholder=${t('hooks.namePlaceholder')} />
      <${Field} id=${id + '-locale'} as="select" label=${t('hooks.locale')} value=${f.locale} onValue=${set('locale')} error=${errors.locale}>
        <option value="zh-CN" lang="zh-CN">简体中文</option>
        <option value="en" lang="en">English</option>
      <//>
    </div>
    <fieldset class="hook-topics">
      <legend>${t('hooks.hears')}</legend>
      <label class="check"><input type="checkbox" checked=${f.warnings} onChange=${(e) => set('warnings')(e.currentTarget.checked)} /> ${t('hooks.warnings')}</label>
      <label class="check"><input type="checkbox" checked=${f.reminders} onChange=${(e) => set('reminders')(e.currentTarget.checked)} /> ${t('hooks.reminders')}</label>
    </fieldset>`;
}

/** A robot's settings changed; an empty address or secret keeps the one it has. */
function EditHook({ hook, onSaved, onCancel }) {
  const [f, setF] = useState({
    url: '',
    secret: '',
    name: hook.name,
    locale: hook.locale,
    warnings: hook.warnings,
    reminders: hook.reminders,
  });
  const [state, setState] = useState({ busy: false, error: null });
  const set = (k) => (v) => setF({ ...f, [k]: v });
  const submit = async (e) => {
    e.preventDefault();
    setState({ busy: true, error: null });
    try {
      const input = {
        name: f.name,
        locale: f.locale,
        warnings: f.warnings,
        reminders: f.reminders,
        url: f.url.trim() || null,
        secret: f.secret.trim() || null,
      };
      onSaved((await gql(M_UPDATE_WEBHOOK, { id: hook.id, i: input })).updateWebhook);
    } catch (err) {
      setState({ busy: false, error: err });
    }
  };
  const errors = errorsFrom(state.error, FIELDS);
  const id = 'edit-' + hook.id;
  return html`<form class="hook-edit" onSubmit=${submit} aria-label=${t('hooks.edit')}>
    <${HookFields} id=${id} kind=${hook.kind} f=${f} set=${set} errors=${errors} editing />
    <div class="form-actions">
      <button type="submit" class="btn btn-primary" disabled=${state.busy}>${t('hooks.save')}</button>
      <button type="button" class="btn btn-ghost" onClick=${onCancel}>${t('hooks.cancel')}</button>
    </div>
    <${FormError} id=${id + '-error'} message=${errors._form} />
  </form>`;
}

function NewHook({ teams, onMade }) {
  const blank = {
    teamId: teams[0] ? teams[0].id : '',
    kind: 'FEISHU',
    url: '',
    secret: '',
    name: '',
    locale: lang.value,
    warnings: true,
    reminders: true,
  };
  const [f, setF] = useState(blank);
  const [state, setState] = useState({ busy: false, error: null, made: null });
  const set = (k) => (v) => setF({ ...f, [k]: v });
  const signed = KINDS[f.kind].signed;
  const submit = async (e) => {
    e.preventDefault();
    setState({ busy: true, error: null, made: null });
    try {
      const input = { ...f, secret: signed ? f.secret : null, name: f.name || null };
      const hook = (await gql(M_CREATE_WEBHOOK, { i: input })).createWebhook;
      onMade(hook);
      setF({ ...blank, teamId: f.teamId, kind: f.kind });
      setState({ busy: false, error: null, made: hook.name || t('hooks.kind.' + hook.kind) });
    } catch (err) {
      setState({ busy: false, error: err, made: null });
    }
  };
  const errors = errorsFrom(state.error, FIELDS);
  return html`<form class="card hook-form" onSubmit=${submit} aria-labelledby="hook-new">
    <h2 class="section-title" id="hook-new">${t('hooks.add')}</h2>
    <div class="hook-form-row">
      <${Field} id="hook-team" as="select" label=${t('hooks.team')} value=${f.teamId} onValue=${set('teamId')} error=${errors.teamId}>
        ${teamTree(teams).map((tm) => html`<option key=${tm.id} value=${tm.id}>${'\u00a0\u00a0'.repeat(tm.depth) + tm.name}</option>`)}
      <//>
      <${Field} id="hook-kind" as="select" label=${t('hooks.kind')} value=${f.kind} onValue=${(v) => setF({ ...f, kind: v, locale: v === 'SLACK' ? 'en' : f.locale })} error=${errors.kind}>
        ${Object.keys(KINDS).map((k) => html`<option key=${k} value=${k}>${t('hooks.kind.' + k)}</option>`)}
      <//>
    </div>
    <${HookFields} id="hook" kind=${f.kind} f=${f} set=${set} errors=${errors} />
    <div class="form-actions">
      <button type="submit" class="btn btn-primary" disabled=${state.busy || !teams.length}>${t('hooks.create')}</button>
      <${Notice} message=${state.made ? t('hooks.created', { name: state.made }) : null} />
    </div>
    <${FormError} id="hook-error" message=${errors._form} />
  </form>`;
}

function Hook({ hook, team, onChange, onGone }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState(null); // { ok, text }
  const [confirming, setConfirming] = useState(false);
  const [editing, setEditing] = useState(false);
  const run = async (fn) => {
    setBusy(true);
    setResult(null);
    try {
      await fn();
    } catch (err) {
      setResult({ ok: false, text: err.message });
    } finally {
      setBusy(false);
    }
  };
  const test = () =>
    run(async () => {
      const r = (await gql(M_TEST_WEBHOOK, { id: hook.id })).sendTestMessage;
      onChange(r.webhook);
      setResult(r.ok ? { ok: true, text: t('hooks.testSent') } : { ok: false, text: t('hooks.testFailed', { error: r.error }) });
    });
  const pause = (paused) => run(async () => onChange((await gql(M_UPDATE_WEBHOOK, { id: hook.id, i: { paused } })).updateWebhook));
  const remove = () => run(async () => (await gql(M_DELETE_WEBHOOK, { id: hook.id }), onGone(hook.id)));
  const state = hookState(hook);
  const title = hook.name || t('hooks.kind.' + hook.kind);
  return html`<li class="card hook" data-id=${hook.id} data-state=${state} aria-label=${title}>
    <div class="hook-head">
      <span class=${'tag hook-kind kind-' + hook.kind}>${t('hooks.kind.' + hook.kind)}</span>
      <strong class="hook-name">${title}</strong>
      <span class=${'tag hook-state state-' + state}>${t('hooks.state.' + state)}</span>
    </div>
    <dl class="hook-facts">
      <dt>${t('hooks.team')}</dt><dd>${team ? team.name : '–'}</dd>
      <dt>${t('hooks.url')}</dt><dd class="hook-url">${hook.urlHint}</dd>
      <dt>${t('hooks.secret')}</dt><dd>${hook.hasSecret ? t('hooks.signed') : t('hooks.unsigned')}</dd>
      <dt>${t('hooks.hears')}</dt><dd>${[hook.warnings && t('hooks.warnings'), hook.reminders && t('hooks.reminders')].filter(Boolean).join(' · ') || '–'} (${hook.locale})</dd>
      <dt>${t('hooks.lastSent')}</dt><dd>${hook.lastSentAt ? formatInstant(hook.lastSentAt) : t('hooks.never')}</dd>
    </dl>
    ${
      state === 'ACTIVE'
        ? null
        : html`<p class="notice hook-problem">
            ${state === 'PAUSED' ? t('hooks.pausedSince', { when: formatInstant(hook.pausedAt), failures: hook.failures }) : t('hooks.failing', { failures: hook.failures })}
            ${hook.lastError ? html`<br /><span class="muted">${t('hooks.lastError', { error: hook.lastError })}</span>` : null}
          </p>`
    }
    ${editing ? html`<${EditHook} hook=${hook} onSaved=${(h) => (onChange(h), setEditing(false))} onCancel=${() => setEditing(false)} />` : null}
    <div class="hook-actions">
      <button type="button" class="btn hook-test" disabled=${busy} onClick=${test}>${t('hooks.test')}</button>
      ${
        hook.paused
          ? html`<button type="button" class="btn hook-resume" disabled=${busy} onClick=${() => pause(false)}>${t('hooks.resume')}</button>`
          : html`<button type="button" class="btn btn-ghost hook-pause" disabled=${busy} onClick=${() => pause(true)}>${t('hooks.pause')}</button>`
      }
      ${editing ? null : html`<button type="button" class="btn btn-ghost hook-edit-open" onClick=${() => setEditing(true)}>${t('hooks.edit')}</button>`}
      ${
        confirming
          ? html`<span class="hook-confirm" role="group" aria-label=${t('hooks.deleteAsk', { name: title })}>
              <span>${t('hooks.deleteAsk', { name: title })}</span>
              <button type="button" class="btn btn-danger hook-delete-yes" disabled=${busy} onClick=${remove}>${t('hooks.delete')}</button>
              <button type="button" class="btn btn-ghost" onClick=${() => setConfirming(false)}>${t('hooks.cancel')}</button>
            </span>`
          : html`<button type="button" class="btn btn-ghost hook-delete" onClick=${() => setConfirming(true)}>${t('hooks.delete')}</button>`
      }
    </div>
    ${result ? html`<p class=${'hook-result ' + (result.ok ? 'ok' : 'failed')} role=${result.ok ? 'status' : 'alert'}>${result.ok ? '✓ ' : '! '}${result.text}</p>` : null}
  </li>`;
}

export function Webhooks() {
  const [data, error, reload, update] = useLoad(Q_WEBHOOKS, null, []);
  const replace = (hook) => update((d) => ({ ...d, webhooks: d.webhooks.map((w) => (w.id === hook.id ? hook : w)) }));
  const add = (hook) => update((d) => ({ ...d, webhooks: [...d.webhooks, hook] }));
  const drop = (id) => update((d) => ({ ...d, webhooks: d.webhooks.filter((w) => w.id !== id) }));
  const teams = data ? data.webhookTeams : [];
  const teamOf = new Map(teams.map((tm) => [tm.id, tm]));
  return html`<main id="main" class="page settings-page webhooks-page">
    <nav class="crumbs" aria-label=${t('page.crumbs')}><a href="/settings/notifications">${t('prefs.title')}</a></nav>
    <div class="page-head"><h1 class="page-title">${t('hooks.title')}</h1></div>
    <p class="muted">${t('hooks.intro')} ${t(viewer.value && viewer.value.role === 'ADMIN' ? 'hooks.scopeAdmin' : 'hooks.scopeLead')}</p>
    ${
      !data
        ? html`<${PageMessage} error=${error} onRetry=${reload} />`
        : !teams.length
          ? html`<p class="notice">${t('hooks.notAllowed')}</p>`
          : html`<${NewHook} teams=${teams} onMade=${add} />
              <section aria-labelledby="hook-list">
                <h2 class="section-title" id="hook-list">${t('hooks.list', { count: data.webhooks.length })}</h2>
                ${
                  data.webhooks.length
                    ? html`<ul class="hook-list">${data.webhooks.map((w) => html`<${Hook} key=${w.id} hook=${w} team=${teamOf.get(w.teamId)} onChange=${replace} onGone=${drop} />`)}</ul>`
                    : html`<p class="muted">${t('hooks.none')}</p>`
                }
              </section>`
    }
  </main>`;
}
