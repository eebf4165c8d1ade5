import { useEffect, useRef, useState } from 'preact/hooks';
import { gql } from '../api/client.js';

/**
 * Load a query's result for an id; reloads when `deps` change. Returns [data, error, reload,
 * update] — update(fn) replaces the data with fn(data) (a live change folded in). `keep`: the
 * answer is kept on the device and shown offline (gql's `keep`).
 */
export function useLoad(query, vars, deps, { keep = false } = {}) {
  const [state, setState] = useState({ data: null, error: null });
  const req = useRef(0);
  const load = async () => {
    if (!query) return;
    const n = ++req.current;
    try {
      const data = await gql(query, vars, { keep });
      if (n === req.current) setState({ data, error: null });
    } catch (err) {
      if (n === req.current) setState((s) => ({ data: s.data, error: err }));
    }
  };
  useEffect(() => {
    load();
  }, deps);
  const update = (fn) => setState((s) => ({ ...s, data: s.data && fn(s.data) }));
  return [state.data, state.error, load, update];
}
