// What the objective page opens and scrolls to: the comment threads shown open, and the task or
// comment a notification (or the address) points at. Shared by the bell and the objective page.
import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { gql } from './api/client.js';
import { Q_COMMENT_IDS } from './api/work.js';

/** What a notification opened: the objective page reveals (scrolls to, highlights) it. */
export const focus = signal(null); // { objectiveId, taskId, commentId } | null
/** Ids of key results and tasks whose comment thread is open on the objective page. */
export const openThreads = signal(new Set());

export function openThread(id, open = true) {
  const next = new Set(openThreads.value);
  if (open) next.add(id);
  else next.delete(id);
  openThreads.value = next;
}

/** Scroll to the element with this id once it is on the page, focus and highlight it. */
export function reveal(id, tries = 40) {
  const el = document.getElementById(id);
  if (!el) {
    if (tries > 0) setTimeout(() => reveal(id, tries - 1), 100);
    return;
  }
  el.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  el.setAttribute('tabindex', '-1');
  el.focus({ preventScroll: true });
  el.classList.remove('target');
  void el.offsetWidth; // restart the highlight
  el.classList.add('target');
}

/** "#task_3,cmt_9" (what the bell leaves in the address) → { taskId, commentId }. */
function fromHash(objectiveId) {
  const ids = decodeURIComponent(location.hash.slice(1)).split(',');
  const taskId = ids.find((i) => i.startsWith('task_')) || null;
  const commentId = ids.find((i) => i.startsWith('cmt_')) || null;
  return taskId || commentId ? { objectiveId, taskId, commentId } : null;
}

/**
 * On the objective page: show what a notification (or the address) points at — open the thread
 * holding the comment (a task's, or the one of the objective / key result that has it), then
 * scroll to it and highlight it.
 */
export function useReveal(o, ready) {
  const f = focus.value;
  useEffect(() => {
    if (!o || !ready) return;
    const want = f && f.objectiveId === o.id ? f : !f ? fromHash(o.id) : null;
    if (!want) return;
    focus.value = null;
    (async () => {
      let thread = want.taskId;
      if (want.commentId && !thread) {
        const ids = [o.id, ...(o.keyResults || []).map((k) => k.id)];
        const threads = await Promise.all(
          ids.map((t) =>
            gql(Q_COMMENT_IDS, { t }).then(
              (d) => d.comments,
              () => [],
            ),
          ),
        );
        thread = ids.find((_, i) => threads[i].some((c) => c.id === want.commentId));
      }
      if (thread && thread !== o.id) openThread(thread);
      reveal(want.commentId || want.taskId);
    })();
  }, [o && o.id, ready, f]);
}
