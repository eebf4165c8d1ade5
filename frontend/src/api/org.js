// Operations of the organization area: who is signed in, the session, teams and people.
// Each export is one named document, validated against schema.graphql by `npm test`.
import { PERSON } from './fields.js';

const USER_FIELDS = 'id displayName handle locale role';

export const Q_VIEWER = `query Viewer { viewer { ${USER_FIELDS} } }`;
export const M_SIGN_IN = `mutation SignIn($e: String!, $p: String!) { signIn(email: $e, password: $p) { ${USER_FIELDS} } }`;
export const M_SIGN_OUT = `mutation SignOut { signOut }`;
export const M_LOCALE = `mutation SetLocale($l: String!) { updateProfile(input: { locale: $l }) { id locale } }`;

export const Q_TEAMS = `query Teams { teams { id name parentId } }`;
/** People matching a search (handles, names, pinyin, pinyin initials): pickers and @-mentions. */
export const Q_PEOPLE = `query People($q: String) { people(search: $q) { ${PERSON} } }`;
