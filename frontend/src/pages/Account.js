// The pages an e-mailed link opens, signed out: /invite/<token> (choose a password; the account
// is made and signed in), /reset/<token> (a new password), /forgot (ask for a reset link),
// /join/<key> (ask for an invitation with an address of the organization's domain).
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { t, lang } from '../i18n/index.js';
import { gql } from '../api/client.js';
import { boot, navigate } from '../store.js';
import * as A from '../api/admin.js';
import { useLoad } from '../components/useLoad.js';
import { PageMessage } from '../components/PageMessage.js';
import { Field, FormError, errorsFrom } from '../components/forms.js';
import { LIMITS } from '../lib/limits.js';

function Shell({ title, lead, children }) {
  return html`<main id="main" class="signin">
    <div class="card signin-card account-card">
      <h1 class="signin-title">${title}</h1>
      ${lead ? html`<p class="muted signin-lead">${lead}</p>` : null}
      ${children}
      <p class="account-back"><a href="/">${t('account.toSignIn')}</a></p>
    </div>
  </main>`;
}

/** A form of a few fields that sends `send(values)`; `fields` are [name, type, autocomplete]. */
function AccountForm({ id, fields, initial = {}, submit, send, minPassword = true }) {
  const [v, setV] = useState(() => Object.fromEntries(fields.map(([f]) => [f, initial[f] || ''])));
  const [state, setState] = useState({ busy: false, errors: {} });
  const go = async (e) => {
    e.preventDefault();
    if (minPassword && 'password' in v && v.password.length < 8) return setState({ busy: false, errors: { password: t('account.short') } });
    setState({ busy: true, errors: {} });
    try {
      await send(v);
    } catch (err) {
      setState({
        busy: false,
        errors: errorsFrom(
          err,
          fields.map(([f]) => f),
        ),
      });
    }
  };
  return html`<form class="account-form" onSubmit=${go} novalidate>
    ${fields.map(
      ([f, type, auto]) =>
        html`<${Field} key=${f} id=${id + '-' + f} type=${type} autocomplete=${auto} label=${t('account.' + f)} maxlength=${f === 'displayName' ? LIMITS.displayName : undefined} value=${v[f]} onValue=${(x) => setV({ ...v, [f]: x })} error=${state.errors[f]} />`,
    )}
    <${FormError} id=${id + '-error'} message=${state.errors._form || state.errors.token} />
    <button type="submit" class="btn btn-primary btn-block" disabled=${state.busy}>${submit}</button>
  </form>`;
}

const signedIn = async () => {
  await boot();
  navigate('/', { replace: true });
};

function Invite({ token }) {
  const [data, error] = useLoad(A.Q_ACCOUNT_LINK, { t: token, p: 'INVITE' }, [token]);
  if (!data) return html`<${Shell} title=${t('account.inviteTitle')}><${PageMessage} error=${error} /><//>`;
  const link = data.accountLink;
  return html`<${Shell} title=${t('account.inviteTitle')} lead=${t('account.inviteLead', { org: link.organizationName, email: link.email })}>
    <${AccountForm}
      id="accept"
      fields=${[
        ['displayName', 'text', 'name'],
        ['password', 'password', 'new-password'],
      ]}
      initial=${{ displayName: link.displayName }}
      submit=${t('account.accept')}
      send=${async (v) => (await gql(A.M_ACCEPT, { t: token, p: v.password, n: v.displayName || null }), signedIn())}
    />
  <//>`;
}

function Reset({ token }) {
  const [data, error] = useLoad(A.Q_ACCOUNT_LINK, { t: token, p: 'RESET' }, [token]);
  if (!data) return html`<${Shell} title=${t('account.resetTitle')}><${PageMessage} error=${error} /><//>`;
  return html`<${Shell} title=${t('account.resetTitle')} lead=${t('account.resetLead', { email: data.accountLink.email })}>
    <${AccountForm}
      id="reset"
      fields=${[['password', 'password', 'new-password']]}
      submit=${t('account.resetSubmit')}
      send=${async (v) => (await gql(A.M_RESET, { t: token, p: v.password }), signedIn())}
    />
  <//>`;
}

function Sent({ title, message }) {
  return html`<${Shell} title=${title}><p class="inline-notice inline-ok" role="status">${message}</p><//>`;
}

function Forgot() {
  const [sent, setSent] = useState(null);
  if (sent) return html`<${Sent} title=${t('account.forgotTitle')} message=${t('account.forgotSent', { email: sent })} />`;
  return html`<${Shell} title=${t('account.forgotTitle')} lead=${t('account.forgotLead')}>
    <${AccountForm}
      id="forgot"
      fields=${[['email', 'email', 'username']]}
      submit=${t('account.forgotSubmit')}
      send=${async (v) => (await gql(A.M_FORGOT, { e: v.email }), setSent(v.email.trim()))}
    />
  <//>`;
}

function Join({ joinKey }) {
  const [sent, setSent] = useState(null);
  if (sent) return html`<${Sent} title=${t('account.joinTitle')} message=${t('account.joinSent', { email: sent })} />`;
  return html`<${Shell} title=${t('account.joinTitle')} lead=${t('account.joinLead')}>
    <${AccountForm}
      id="join"
      fields=${[
        ['email', 'email', 'email'],
        ['displayName', 'text', 'name'],
      ]}
      submit=${t('account.joinSubmit')}
      send=${async (v) => (await gql(A.M_JOIN, { k: joinKey, e: v.email, n: v.displayName || null, l: lang.value }), setSent(v.email.trim()))}
    />
  <//>`;
}

export function Account({ kind, id }) {
  if (kind === 'invite') return html`<${Invite} token=${id} />`;
  if (kind === 'reset') return html`<${Reset} token=${id} />`;
  if (kind === 'join') return html`<${Join} joinKey=${id} />`;
  return html`<${Forgot} />`;
}
