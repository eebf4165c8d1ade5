import { useEffect, useRef, useState } from 'preact/hooks';
import { gql } from '../api/client.js';

/** Load a query's result for an id; reloads when `deps` change. Returns [data, error, reload]. */
export function useLoad(query, vars, deps) {
  const [state, setState] = useState({ data: null, error: null });
  const req = useRef(0);
  const load = async () => {
    if (!query) return;
    const n = ++req.current;
    try {
      const data = await gql(query, vars);
      if (n === req.current) setState({ data, error: null });
    } catch (err) {
      if (n === req.current) setState((s) => ({ data: s.data, error: err }));
    }
  };
  useEffect(() => {
    load();
  }, deps);
  return [state.data, state.error, load];
}
