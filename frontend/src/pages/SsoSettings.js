// /admin/sso: the organization's single sign-on (OpenID Connect) — discovery URL, client id and
// secret (write-only: the server only says whether one is saved), the domain whose people get an
// account at their first sign-in, and whether members may still use a password. Admins only.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { gql } from '../api/client.js';
import { viewer } from '../store.js';
import { Q_SSO, M_SSO } from '../api/sso.js';
import { useLoad } from '../components/useLoad.js';
import { PageMessage } from '../components/PageMessage.js';
import { Field, FormError, Notice, errorsFrom } from '../components/forms.js';

const FIELDS = ['discoveryUrl', 'clientId', 'clientSecret', 'jitDomain', 'enabled', 'passwordSignIn'];

function Check({ id, label, hint, checked, onChange, error }) {
  return html`<div class="field field-check">
    <label for=${id}>
      <input id=${id} type="checkbox" checked=${checked} onChange=${(e) => onChange(e.currentTarget.checked)} aria-invalid=${error ? 'true' : undefined} />
      <span>${label}</span>
    </label>
    ${hint ? html`<p class="field-hint">${hint}</p>` : null}
    ${error ? html`<p class="field-error" role="alert">${error}</p>` : null}
  </div>`;
}

function Form({ saved, onSaved }) {
  const [form, setForm] = useState({ ...saved, clientSecret: '' });
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const set = (name) => (value) => {
    setForm({ ...form, [name]: value });
    setErrors({ ...errors, [name]: null });
    setDone(false);
  };
  const save = async (e) => {
    e.preventDefault();
    setBusy(true);
    const input = {
      enabled: form.enabled,
      discoveryUrl: form.discoveryUrl,
      clientId: form.clientId,
      jitDomain: form.jitDomain,
      passwordSignIn: form.passwordSignIn,
    };
    if (form.clientSecret) input.clientSecret = form.clientSecret;
    try {
      const d = await gql(M_SSO, { i: input });
      onSaved(d.updateSsoSettings);
      setForm({ ...d.updateSsoSettings, clientSecret: '' });
      setErrors({});
      setDone(true);
    } catch (err) {
      setErrors(errorsFrom(err, FIELDS));
    }
    setBusy(false);
  };
  return html`<form class="card setup-form" onSubmit=${save} novalidate>
    <${Field} id="discoveryUrl" label=${t('sso.discoveryUrl')} hint=${t('sso.discoveryHint')} type="url" value=${form.discoveryUrl} onValue=${set('discoveryUrl')} error=${errors.discoveryUrl} />
    <${Field} id="clientId" label=${t('sso.clientId')} value=${form.clientId} onValue=${set('clientId')} error=${errors.clientId} autocomplete="off" />
    <${Field}
      id="clientSecret"
      label=${t('sso.clientSecret')}
      hint=${saved.hasClientSecret ? t('sso.secretKept') : t('sso.secretNone')}
      type="password"
      autocomplete="new-password"
      value=${form.clientSecret}
      onValue=${set('clientSecret')}
      error=${errors.clientSecret}
    />
    <div class="field">
      <label for="redirectUri">${t('sso.redirectUri')}</label>
      <input id="redirectUri" readonly value=${saved.redirectUri} onFocus=${(e) => e.currentTarget.select()} />
    </div>
    <${Field} id="jitDomain" label=${t('sso.jitDomain')} hint=${t('sso.jitHint')} value=${form.jitDomain} onValue=${set('jitDomain')} error=${errors.jitDomain} />
    <${Check} id="enabled" label=${t('sso.enabled')} checked=${form.enabled} onChange=${set('enabled')} error=${errors.enabled} />
    <${Check}
      id="passwordSignIn"
      label=${t('sso.passwordSignIn')}
      hint=${t('sso.passwordHint')}
      checked=${form.passwordSignIn}
      onChange=${set('passwordSignIn')}
      error=${errors.passwordSignIn}
    />
    <${FormError} id="sso-error" message=${errors._form} />
    <${Notice} message=${done ? t('sso.saved') : null} />
    <button type="submit" class="btn btn-primary" disabled=${busy}>${busy ? t('sso.saving') : t('sso.save')}</button>
  </form>`;
}

export function SsoSettings() {
  const admin = (viewer.value || {}).role === 'ADMIN';
  const [data, error, reload, update] = useLoad(admin ? Q_SSO : null, null, []);
  return html`<main id="main" class="page setup-page">
    <div class="page-head"><h1 class="page-title">${t('sso.title')}</h1></div>
    <p class="muted">${t('sso.about')}</p>
    ${
      !admin
        ? html`<p>${t('setup.adminsOnly')}</p>`
        : data
          ? html`<${Form} saved=${data.ssoSettings} onSaved=${(s) => update(() => ({ ssoSettings: s }))} />`
          : html`<${PageMessage} error=${error} onRetry=${reload} />`
    }
  </main>`;
}
