// A number that moves on at the next full hour and at the organization's midnight (lib/clock.js):
// a screen that reads it re-reads its numbers then, since time alone moves some statuses.
import { useEffect, useState } from 'preact/hooks';
import { orgZone } from '../store.js';
import { nextRefresh, SPREAD_MS } from '../lib/clock.js';

export function useClock() {
  const [tick, setTick] = useState(0);
  const zone = orgZone.value;
  useEffect(() => {
    const now = Date.now();
    const timer = setTimeout(() => setTick((n) => n + 1), nextRefresh(now, zone) - now + Math.random() * SPREAD_MS);
    return () => clearTimeout(timer);
  }, [tick, zone]);
  return tick;
}
