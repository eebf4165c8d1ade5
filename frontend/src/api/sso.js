// Operations of single sign-on: the organization's OpenID Connect settings (admins). Each export
// is one named document, validated against schema.graphql by `npm test`.

const SSO_FIELDS = `enabled discoveryUrl clientId hasClientSecret jitDomain passwordSignIn redirectUri`;

export const Q_SSO = `query SsoSettings { ssoSettings { ${SSO_FIELDS} } }`;
export const M_SSO = `mutation UpdateSsoSettings($i: SsoSettingsInput!) { updateSsoSettings(input: $i) { ${SSO_FIELDS} } }`;
