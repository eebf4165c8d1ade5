import { html } from 'htm/preact';
import { useSignal } from '@preact/signals';
import { useRef, useEffect } from 'preact/hooks';
import { t, lang } from '../i18n/index.js';
import { signIn, bootError } from '../store.js';

export function SignIn() {
  const email = useSignal('');
  const password = useSignal('');
  const busy = useSignal(false);
  const error = useSignal(null); // { message, field }
  const emailRef = useRef(null);
  const passwordRef = useRef(null);

  useEffect(() => {
    emailRef.current && emailRef.current.focus();
    // back from a refused single sign-on: the server says why, in the UI's language
    const key = new URLSearchParams(location.search).get('sso_error');
    if (key)
      fetch('/auth/sso/message?key=' + encodeURIComponent(key), { headers: { 'Accept-Language': lang.value } })
        .then((r) => (r.ok ? r.text() : null))
        .then(
          (message) => message && (error.value = { message, field: null, code: 'SSO' }),
          () => {},
        );
  }, []);

  const onSso = () => {
    const e = email.value.trim();
    if (!e) {
      error.value = { key: 'signin.ssoEmail', field: 'email', code: 'LOCAL' };
      return emailRef.current.focus();
    }
    location.assign('/auth/sso/start?email=' + encodeURIComponent(e));
  };

  const onSubmit = async (ev) => {
    ev.preventDefault();
    if (busy.value) return;
    const e = email.value.trim();
    if (!e || !password.value) {
      error.value = { key: 'signin.missing', field: !e ? 'email' : 'password', code: 'LOCAL' };
      (!e ? emailRef : passwordRef).current.focus();
      return;
    }
    busy.value = true;
    error.value = null;
    try {
      await signIn(e, password.value);
    } catch (err) {
      busy.value = false;
      error.value = { message: err.message, field: err.field || null, code: err.code };
      if (err.field === 'email') emailRef.current && emailRef.current.focus();
      else passwordRef.current && passwordRef.current.select();
    }
  };

  const err = error.value || (bootError.value ? { message: bootError.value, field: null } : null);
  const credentialsRejected = err && !err.field && (err.code === 'UNAUTHENTICATED' || err.code === 'BAD_USER_INPUT');
  const invalid = (name) => (err && (err.field === name || credentialsRejected) ? 'true' : undefined);

  return html`<main id="main" class="signin">
    <form class="card signin-card" onSubmit=${onSubmit} novalidate aria-describedby=${err ? 'signin-error' : undefined}>
      <h1 class="signin-title">${t('signin.title')}</h1>
      <p class="muted signin-lead">${t('signin.lead')}</p>
      <div class="field">
        <label for="signin-email">${t('signin.email')}</label>
        <input
          id="signin-email"
          ref=${emailRef}
          type="email"
          name="email"
          autocomplete="username"
          inputmode="email"
          autocapitalize="none"
          spellcheck="false"
          required
          value=${email.value}
          onInput=${(e) => (email.value = e.currentTarget.value)}
          aria-invalid=${invalid('email')}
        />
      </div>
      <div class="field">
        <label for="signin-password">${t('signin.password')}</label>
        <input
          id="signin-password"
          ref=${passwordRef}
          type="password"
          name="password"
          autocomplete="current-password"
          required
          value=${password.value}
          onInput=${(e) => (password.value = e.currentTarget.value)}
          aria-invalid=${invalid('password')}
        />
      </div>
      <div class="form-error" id="signin-error" role="alert" aria-live="assertive">
        ${err ? html`<span class="form-error-icon" aria-hidden="true">!</span><span>${err.key ? t(err.key) : err.message}</span>` : null}
      </div>
      <button type="submit" class="btn btn-primary btn-block" disabled=${busy.value} aria-busy=${busy.value ? 'true' : undefined}>
        ${busy.value ? t('signin.submitting') : t('signin.submit')}
      </button>
      <button type="button" class="btn btn-block signin-sso" onClick=${onSso}>${t('signin.sso')}</button>
      <p class="signin-forgot"><a href="/forgot">${t('signin.forgot')}</a></p>
    </form>
  </main>`;
}
