// /security: one's own password (the current one is needed; the other sessions end), signing
// out everywhere, and personal API tokens (made here, from a signed-in session: shown once,
// listed with their last use and expiry, revoked at once — sockets they opened close too).
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { t, formatInstant, formatDate } from '../i18n/index.js';
import { gql } from '../api/client.js';
import { Q_TOKENS, M_CHANGE_PASSWORD, M_SIGN_OUT_EVERYWHERE, M_CREATE_TOKEN, M_REVOKE_TOKEN } from '../api/account.js';
import { sessionEnded } from '../store.js';
import { useLoad } from '../components/useLoad.js';
import { PageMessage } from '../components/PageMessage.js';
import { Field, FormError, Notice, errorsFrom } from '../components/forms.js';
import { LIMITS } from '../lib/limits.js';

function PasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(null);
  const submit = async (e) => {
    e.preventDefault();
    setDone(null);
    if (!current || !next) return setErrors({ _form: t('security.missing') });
    setBusy(true);
    setErrors({});
    try {
      const d = await gql(M_CHANGE_PASSWORD, { c: current, n: next });
      setCurrent('');
      setNext('');
      setDone(t('security.changed', { count: d.changePassword }));
    } catch (err) {
      setErrors(errorsFrom(err, ['currentPassword', 'newPassword']));
    } finally {
      setBusy(false);
    }
  };
  return html`<section class="card security-section" aria-labelledby="password-title">
    <h2 class="section-title" id="password-title">${t('security.password')}</h2>
    <form class="stack" onSubmit=${submit} novalidate>
      <${Field} id="current-password" type="password" autocomplete="current-password" label=${t('security.current')} value=${current} onValue=${setCurrent} error=${errors.currentPassword} />
      <${Field}
        id="new-password"
        type="password"
        autocomplete="new-password"
        label=${t('security.new')}
        hint=${t('security.newHint')}
        value=${next}
        onValue=${setNext}
        error=${errors.newPassword}
      />
      <${FormError} id="password-form-error" message=${errors._form} />
      <div class="form-actions form-actions-start">
        <button type="submit" class="btn btn-primary" disabled=${busy}>${t(busy ? 'security.changing' : 'security.change')}</button>
      </div>
      <${Notice} message=${done} />
    </form>
  </section>`;
}

function Sessions() {
  const [error, setError] = useState(null);
  const everywhere = async () => {
    if (!confirm(t('security.confirmEverywhere'))) return;
    try {
      await gql(M_SIGN_OUT_EVERYWHERE);
      sessionEnded(null);
    } catch (err) {
      setError(err.message);
    }
  };
  return html`<section class="card security-section" aria-labelledby="sessions-title">
    <h2 class="section-title" id="sessions-title">${t('security.sessions')}</h2>
    <p class="muted">${t('security.sessionsLead')}</p>
    <${FormError} id="sessions-error" message=${error} />
    <div class="form-actions form-actions-start">
      <button type="button" class="btn btn-danger sign-out-everywhere" onClick=${everywhere}>${t('security.everywhere')}</button>
    </div>
  </section>`;
}

/** The token just made: its secret, shown this once, with a copy button. */
function NewToken({ token, onDone }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
    } catch {
      /* no clipboard (plain http, permissions): the field is selectable */
    }
  };
  return html`<div class="new-token" role="status">
    <p><strong>${t('security.shownOnce')}</strong></p>
    <div class="new-token-row">
      <input id="new-token" class="num" readonly value=${token} aria-label=${t('security.shownOnce')} onFocus=${(e) => e.currentTarget.select()} />
      <button type="button" class="btn" onClick=${copy}>${t(copied ? 'security.copied' : 'security.copy')}</button>
      <button type="button" class="btn btn-primary" onClick=${onDone}>${t('security.done')}</button>
    </div>
  </div>`;
}

function expiryText(token, now) {
  if (!token.expiresAt) return t('security.never');
  const when = formatDate(token.expiresAt);
  return t(Date.parse(token.expiresAt) <= now ? 'security.expired' : 'security.expiresOn', { when });
}

function TokenRow({ token, onRevoke }) {
  const now = Date.now();
  return html`<li class="token-row" data-token-id=${token.id}>
    <div class="token-main">
      <strong class="token-name">${token.name}</strong>
      <span class="muted">${t('security.created', { when: formatInstant(token.createdAt) })}</span>
      <span class="muted token-last-use">${token.lastUsedAt ? t('security.lastUsed', { when: formatInstant(token.lastUsedAt) }) : t('security.neverUsed')}</span>
      <span class="muted">${expiryText(token, now)}</span>
    </div>
    <button type="button" class="btn btn-ghost revoke-token" aria-label=${t('security.revokeLabel', { name: token.name })} onClick=${() => onRevoke(token)}>${t('security.revoke')}</button>
  </li>`;
}

/** A date input's day → the end of that day in the device's zone, as an instant. */
function endOfDay(day) {
  return day ? new Date(day + 'T23:59:59').toISOString() : null;
}

function Tokens() {
  const [data, loadError, reload, update] = useLoad(Q_TOKENS, null, []);
  const [name, setName] = useState('');
  const [expires, setExpires] = useState('');
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState(null);
  const [notice, setNotice] = useState(null);
  const create = async (e) => {
    e.preventDefault();
    setNotice(null);
    if (!name.trim()) return setErrors({ name: t('security.nameMissing') });
    setBusy(true);
    setErrors({});
    try {
      const d = await gql(M_CREATE_TOKEN, { n: name.trim(), x: endOfDay(expires) });
      update((v) => ({ apiTokens: [...v.apiTokens, d.createApiToken.apiToken] }));
      setMade(d.createApiToken.token);
      setName('');
      setExpires('');
    } catch (err) {
      setErrors(errorsFrom(err, ['name', 'expiresAt']));
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (token) => {
    if (!confirm(t('security.confirmRevoke', { name: token.name }))) return;
    try {
      await gql(M_REVOKE_TOKEN, { id: token.id });
      update((v) => ({ apiTokens: v.apiTokens.filter((x) => x.id !== token.id) }));
      setNotice(t('security.revoked', { name: token.name }));
    } catch (err) {
      setErrors({ _form: err.message });
    }
  };
  const now = new Date(); // the device's own day, not UTC's
  const today = [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, '0')).join('-');
  return html`<section class="card security-section" aria-labelledby="tokens-title">
    <h2 class="section-title" id="tokens-title">${t('security.tokens')}</h2>
    <p class="muted">${t('security.tokensLead')}</p>
    ${made ? html`<${NewToken} token=${made} onDone=${() => setMade(null)} />` : null}
    <${Notice} message=${notice} />
    ${
      data
        ? data.apiTokens.length
          ? html`<ul class="token-list">${data.apiTokens.map((tk) => html`<${TokenRow} key=${tk.id} token=${tk} onRevoke=${revoke} />`)}</ul>`
          : html`<p class="muted">${t('security.noTokens')}</p>`
        : html`<${PageMessage} error=${loadError} onRetry=${reload} />`
    }
    <form class="stack token-form" onSubmit=${create} novalidate>
      <${Field} id="token-name" label=${t('security.tokenName')} hint=${t('security.tokenNameHint')} maxlength=${LIMITS.name} value=${name} onValue=${setName} error=${errors.name} />
      <${Field} id="token-expires" type="date" min=${today} label=${t('security.expires')} hint=${t('security.expiresHint')} value=${expires} onValue=${setExpires} error=${errors.expiresAt} />
      <${FormError} id="token-form-error" message=${errors._form} />
      <div class="form-actions form-actions-start">
        <button type="submit" class="btn btn-primary" disabled=${busy}>${t(busy ? 'security.creating' : 'security.create')}</button>
      </div>
    </form>
  </section>`;
}

export function Security() {
  return html`<main id="main" class="page security-page">
    <div class="page-head"><h1 class="page-title">${t('security.title')}</h1></div>
    <p class="muted">${t('security.lead')}</p>
    <${PasswordForm} />
    <${Sessions} />
    <${Tokens} />
  </main>`;
}
