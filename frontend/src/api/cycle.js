// Operations of the cycle area: its phases, what the phase asks of me, likes (互赞).
// Each export is one named document, validated against schema.graphql by `npm test`. No ${}
// in these: plain templates are dropped from the first screen when it does not use them.

export const Q_ASKS = `query Asks { cycles { id phase viewerAsks { kind count } } }`;
export const M_LIKE = `mutation Like($t: ID!, $l: Boolean!) { like(targetId: $t, liked: $l) { count likedByViewer } }`;
export const Q_LIKES = `query Likes($t: ID!) { likes(targetId: $t) { count likedByViewer likers { id displayName handle } } }`;

// the admins' phases screen
export const Q_PHASES = `query CyclePhases { cycles { id name startsOn endsOn phase
  phaseChanges { phase previous reason at actor { id displayName handle } } } }`;
export const M_SET_PHASE = `mutation SetCyclePhase($id: ID!, $p: CyclePhase!, $r: String) { setCyclePhase(id: $id, phase: $p, reason: $r) {
  id phase phaseChanges { phase previous reason at actor { id displayName handle } } } }`;
