// Operations of the security page: one's password, sessions and API tokens.
// Each export is one named document, validated against schema.graphql by `npm test`.
const TOKEN_FIELDS = 'id name createdAt lastUsedAt expiresAt';

export const Q_TOKENS = `query ApiTokens { apiTokens { ${TOKEN_FIELDS} } }`;
export const M_CHANGE_PASSWORD = `mutation ChangePassword($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`;
export const M_SIGN_OUT_EVERYWHERE = `mutation SignOutEverywhere { signOutEverywhere }`;
export const M_CREATE_TOKEN = `mutation CreateApiToken($n: String!, $x: DateTime) { createApiToken(name: $n, expiresAt: $x) { token apiToken { ${TOKEN_FIELDS} } } }`;
export const M_REVOKE_TOKEN = `mutation RevokeApiToken($id: ID!) { revokeApiToken(id: $id) }`;
