// A cycle screen kept live: its query, then the cycle's events folded into the answer.
// The query may read `boardSeq` (the stream then starts right after it, nothing lost in between);
// events that arrive while it is read again are folded into the new answer. A like from any
// stream reaches every screen through the store's `lastLike`.
import { useEffect, useRef, useState } from 'preact/hooks';
import { gql } from '../api/client.js';
import { S_RETRO } from '../api/retro.js';
import { lastLike, viewer, refreshAsks } from '../store.js';
import * as socket from '../socket.js';
import { patchLikes } from '../lib/retro.js';
import { useClock } from './useClock.js';

/**
 * `fold(data, ev)` → { data, refetch } applies one event (refetch: it moves what it does not
 * carry). `cycle`: the cycle's id, or a function of the answer giving it. Returns [data, error,
 * reload, update] as useLoad does.
 */
export function useLive(query, vars, deps, cycle, fold) {
  const [state, setState] = useState({ data: null, error: null });
  const r = useRef({ req: 0, seq: null, pending: null, timer: null, data: null, load: null }).current;
  const set = (data) => ((r.data = data), setState({ data, error: null }));

  const load = async () => {
    const n = ++r.req;
    r.pending = [];
    try {
      let data = await gql(query, vars);
      if (n !== r.req) return;
      const from = Number.isInteger(data.boardSeq) ? data.boardSeq : -1;
      for (const ev of r.pending) if (ev.seq > from) data = fold(data, ev).data;
      r.pending = null;
      r.seq = Math.max(r.seq ?? -1, from);
      set(data);
    } catch (error) {
      if (n !== r.req) return;
      r.pending = null;
      setState((s) => ({ data: s.data, error }));
    }
  };
  r.load = load; // the latest render's: a refetch asks with the variables shown now
  const later = () => {
    clearTimeout(r.timer);
    r.timer = setTimeout(() => r.load(), 300 + Math.random() * 500); // a room of screens does not ask at once
  };
  useEffect(() => {
    r.data = null;
    r.seq = null;
    load();
    return () => clearTimeout(r.timer);
  }, deps);
  // time alone moves some statuses (an hour on, the organization's midnight): read them again
  const tick = useClock();
  useEffect(() => {
    if (tick) r.load();
  }, [tick]);

  const cycleId = state.data !== null ? (typeof cycle === 'function' ? cycle(state.data) : cycle) : null;
  const live = !!cycleId;
  useEffect(() => {
    if (!live) return undefined;
    const stop = socket.subscribe(
      S_RETRO,
      () => ({ c: cycleId, s: r.seq !== null && r.seq >= 0 ? r.seq : null }),
      (d) => {
        const ev = d.boardEvents;
        if (ev.__typename === 'ResyncRequired') return later();
        if (r.seq !== null && ev.seq <= r.seq) return;
        r.seq = ev.seq;
        if (ev.__typename === 'LikeChanged') lastLike.value = ev;
        if (ev.__typename === 'CyclePhaseChanged') refreshAsks(); // the phases of the cycles, what they ask
        if (r.pending) r.pending.push(ev);
        if (!r.data) return;
        const out = fold(r.data, ev);
        if (out.data !== r.data) set(out.data);
        if (out.refetch) later();
      },
      later,
    );
    return stop;
  }, [cycleId, live]);

  // likes arriving on another stream (the board's) reach this screen too
  useEffect(
    () =>
      lastLike.subscribe((ev) => {
        if (!ev || !r.data) return;
        const next = patchLikes(r.data, ev, (viewer.value || {}).id);
        if (next !== r.data) set(next);
      }),
    [],
  );

  const update = (fn) => r.data && set(fn(r.data));
  return [state.data, state.error, load, update];
}
