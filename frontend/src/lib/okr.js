// Pure helpers over the data the API returns: no DOM, no signals (unit-tested with node --test).

const LEVEL_ORDER = { COMPANY: 0, TEAM: 1, PERSONAL: 2 };

/**
 * Build the alignment tree from a flat list. An objective whose parent is absent from the
 * list (not visible, archived, other cycle) is a root. ARCHIVED objectives are dropped.
 * Returns { roots, byId, depthOf } where each node is { obj, children, depth }.
 */
export function buildTree(objectives) {
  const list = (objectives || []).filter((o) => o && o.state !== 'ARCHIVED');
  const byId = new Map();
  for (const obj of list) byId.set(obj.id, { obj, children: [], depth: 0 });
  const roots = [];
  for (const node of byId.values()) {
    const pid = node.obj.parent && node.obj.parent.id;
    const parent = pid && pid !== node.obj.id ? byId.get(pid) : null;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  // Defensive against a cycle in parent links (the server forbids them): any node not
  // reachable from a root becomes a root itself, so nothing silently disappears.
  const seen = new Set();
  const walk = (node, depth) => {
    seen.add(node.obj.id);
    node.depth = depth;
    node.children.sort(compareNodes);
    for (const c of node.children) if (!seen.has(c.obj.id)) walk(c, depth + 1);
  };
  roots.sort(compareNodes);
  for (const r of roots) walk(r, 0);
  for (const node of byId.values()) {
    if (!seen.has(node.obj.id)) {
      // detach from its (cyclic) parent and make it a root
      for (const other of byId.values()) other.children = other.children.filter((c) => c !== node);
      roots.push(node);
      walk(node, 0);
    }
  }
  return { roots, byId };
}

function compareNodes(a, b) {
  const la = LEVEL_ORDER[a.obj.level] ?? 9;
  const lb = LEVEL_ORDER[b.obj.level] ?? 9;
  if (la !== lb) return la - lb;
  const ta = (a.obj.team && a.obj.team.name) || '';
  const tb = (b.obj.team && b.obj.team.name) || '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return String(a.obj.title).localeCompare(String(b.obj.title));
}

/** Ids of every node that has children (the "expand all" set). */
export function parentIds(tree) {
  const ids = [];
  for (const node of tree.byId.values()) if (node.children.length) ids.push(node.obj.id);
  return ids;
}

/** Ids of the first `n` rows the tree shows, top to bottom, when the objectives `open` show their children. */
export function firstRows(tree, open, n) {
  const ids = new Set();
  const visit = (node) => {
    if (ids.size >= n) return;
    ids.add(node.obj.id);
    if (open.has(node.obj.id)) node.children.forEach(visit);
  };
  tree.roots.forEach(visit);
  return ids;
}

/**
 * Expected progress of an objective: the weighted mean of its KRs' expectedProgress;
 * the plain mean when every weight is 0; null when it has no KRs.
 */
export function objectiveExpected(keyResults) {
  const krs = (keyResults || []).filter((kr) => Number.isFinite(kr.expectedProgress));
  if (!krs.length) return null;
  let sw = 0;
  let s = 0;
  for (const kr of krs) {
    const w = Number(kr.weight) > 0 ? Number(kr.weight) : 0;
    sw += w;
    s += w * kr.expectedProgress;
  }
  const e = sw > 0 ? s / sw : krs.reduce((a, kr) => a + kr.expectedProgress, 0) / krs.length;
  return clamp01(e);
}

export function clamp01(x) {
  if (!Number.isFinite(x)) return 0;
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** The cycle to show first: one in TRACKING (the latest-starting if several), else the latest by startsOn. */
export function defaultCycle(cycles) {
  if (!cycles || !cycles.length) return null;
  const byStart = [...cycles].sort((a, b) => (a.startsOn < b.startsOn ? 1 : a.startsOn > b.startsOn ? -1 : 0));
  return byStart.find((c) => c.phase === 'TRACKING') || byStart[0];
}

/** Count objectives per status (for the board summary). */
export function statusCounts(objectives) {
  const counts = { BEHIND: 0, AT_RISK: 0, ON_TRACK: 0, NOT_STARTED: 0, DONE: 0 };
  for (const o of objectives || []) if (o.state !== 'ARCHIVED' && o.status in counts) counts[o.status] += 1;
  return counts;
}

/** "/board/<id>" → id; anything else → null. */
export function cycleIdFromPath(pathname) {
  const m = /^\/(?:board|wall)\/([^/?#]+)\/?$/.exec(pathname || '');
  return m ? decodeURIComponent(m[1]) : null;
}

/** "/", "/board/<cycleId>" and the wall show the board; every other path is another screen. */
export function isBoardPath(pathname) {
  return pathname === '/' || pathname.startsWith('/board/') || isWallPath(pathname);
}

/** "/wall" and "/wall/<cycleId>": the board as the meeting room's wall shows it. */
export function isWallPath(pathname) {
  return /^\/wall(\/|$)/.test(pathname || '');
}

/**
 * Whether an objective belongs on the board `me` is looking at: a draft only for whoever may
 * edit it (its owner, an admin; `viewerCan.edit` when the server says), and never on the wall.
 */
export function onBoard(o, me, wall = false) {
  if (o.state !== 'DRAFT') return true;
  if (wall) return false;
  if (o.viewerCan) return !!o.viewerCan.edit;
  return !!me && ((o.owner && o.owner.id === me.id) || me.role === 'ADMIN');
}

/** Up to two initials from a display name: "Ada Lovelace" → "AL", "王小明" → "小明". */
export function initials(name) {
  const s = String(name || '').trim();
  if (!s) return '?';
  const parts = s.split(/[\s._-]+/).filter(Boolean);
  // Chinese names show the last two characters of the first Chinese word (陈明 → 陈明,
  // 王小明 → 小明, 管理员 Admin → 理员), as Chinese chat and office apps do.
  const han = parts.find((p) => /^[\u3400-\u9fff]+$/.test(p)) || (/[\u3400-\u9fff]/.test(parts[0]) ? parts[0] : null);
  if (han) return han.length > 2 ? han.slice(-2) : han;
  const letters = parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : parts[0].slice(0, 2);
  return letters.toUpperCase();
}

/**
 * The board's filters: keep the objectives that match every filter given, plus their
 * ancestors so each match still shows where it aligns. `filters`: { q, teamId, ownerId,
 * status } (empty = any). `q` matches the title, the owner's name and handle, any KR title.
 */
export function filterObjectives(objectives, filters) {
  const list = objectives || [];
  const { q = '', teamId = '', ownerId = '', status = '' } = filters || {};
  const needle = q.trim().toLowerCase();
  if (!needle && !teamId && !ownerId && !status) return list;
  const text = (o) =>
    [o.title, o.owner && o.owner.displayName, o.owner && o.owner.handle, ...(o.keyResults || []).map((k) => k.title)]
      .filter(Boolean)
      .join(' ')
      .toLowerCase();
  const matches = (o) =>
    (!needle || text(o).includes(needle)) &&
    (!teamId || (o.team && o.team.id) === teamId) &&
    (!ownerId || (o.owner && o.owner.id) === ownerId) &&
    (!status || o.status === status);
  const byId = new Map(list.map((o) => [o.id, o]));
  const keep = new Set();
  for (const o of list) {
    if (!matches(o)) continue;
    for (let cur = o; cur && !keep.has(cur.id); cur = byId.get(cur.parent && cur.parent.id)) keep.add(cur.id);
  }
  return list.filter((o) => keep.has(o.id));
}
