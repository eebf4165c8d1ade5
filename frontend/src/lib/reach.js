// What the settings screens compute, no DOM: days in the viewer's calendar, the moment a mute
// ends, and what a robot's platform asks for.

const pad = (n) => String(n).padStart(2, '0');

/** A Date → "2026-12-04" in the viewer's local calendar. */
export function isoDay(date) {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "2026-12-04" + n days → "2026-12-11" (calendar days: no time zone can shift it). */
export function addDays(day, n) {
  const d = new Date(day + 'T12:00:00');
  d.setDate(d.getDate() + n);
  return isoDay(d);
}

/** Muted "until" a day means through that day: the instant its local end, as ISO-8601. */
export function muteUntil(day) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d, 23, 59, 59).toISOString();
}

/** The robots and what each needs: the host its address must be on, and whether it signs. */
export const KINDS = {
  FEISHU: { host: 'open.feishu.cn', signed: true },
  DINGTALK: { host: 'oapi.dingtalk.com', signed: true },
  WECOM: { host: 'qyapi.weixin.qq.com', signed: false },
  SLACK: { host: 'hooks.slack.com', signed: false },
};

/** A robot's state in one word: paused (after failures, or by hand), failing, or working. */
export function hookState(hook) {
  if (hook.paused) return 'PAUSED';
  return hook.failures > 0 ? 'FAILING' : 'ACTIVE';
}
