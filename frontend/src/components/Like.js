// 互赞: a like on an objective, key result, check-in or comment — one tap on the heart, and the
// count opens who liked it. The count and the heart come from the screen's data (kept live by its
// events); a tap shows its result at once and the server's answer settles it.
import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { gql } from '../api/client.js';
import { M_LIKE, Q_LIKES } from '../api/cycle.js';
import { useDismiss } from './useDismiss.js';

function Likers({ id }) {
  const [list, setList] = useState(null);
  useEffect(() => {
    gql(Q_LIKES, { t: id }).then(
      (d) => setList(d.likes.likers.map((u) => u.displayName)),
      (e) => setList([e.message]),
    );
  }, [id]);
  return html`<p class="likers card" role="status">${list ? list.join(t('like.sep')) : t('app.loading')}</p>`;
}

/** `what`: the liked item's title, for the label; `tab`: the buttons' tabindex (-1 in a board row). */
export function Like({ id, count, liked, what, tab }) {
  const [mine, setMine] = useState(null); // { count, liked } shown until the data catches up
  const [error, setError] = useState(null);
  const [open, setOpen] = useState(false);
  const wrap = useRef(null);
  useEffect(() => setMine(null), [count, liked]);
  useDismiss(open, wrap, () => setOpen(false));
  const now = mine || { count, liked };
  const toggle = async () => {
    const want = !now.liked;
    setError(null);
    setMine({ count: Math.max(0, now.count + (want ? 1 : -1)), liked: want });
    try {
      const d = (await gql(M_LIKE, { t: id, l: want })).like;
      setMine({ count: d.count, liked: d.likedByViewer });
    } catch (e) {
      setMine(null);
      setError(e.message);
    }
  };
  return html`<span class="like" ref=${wrap} data-liked=${now.liked ? 'true' : 'false'}>
    <button type="button" class="like-btn" tabindex=${tab} aria-pressed=${now.liked ? 'true' : 'false'} aria-label=${t('like.this', { what })} onClick=${toggle}>
      <span aria-hidden="true">${now.liked ? '♥' : '♡'}</span>
    </button>
    ${
      now.count
        ? html`<button type="button" class="like-count num" tabindex=${tab} aria-expanded=${open ? 'true' : 'false'} aria-label=${t('like.who', { count: now.count })} onClick=${() => setOpen(!open)}>
          ${now.count}
        </button>`
        : null
    }
    ${open && now.count ? html`<${Likers} id=${id} key=${now.count} />` : null}
    ${error ? html`<span class="field-error like-error" role="alert">${error}</span>` : null}
  </span>`;
}
