// Picking people: the search behind the pickers and the @-autocomplete, the list of matches,
// and the person picker (assignee, collaborators).
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { gql } from '../api/client.js';
import { Q_PEOPLE } from '../api/org.js';
import { t } from '../i18n/index.js';
import { Avatar } from './Avatar.js';

/** People matching `query` (handles, names, pinyin, pinyin initials), after a short pause. */
export function usePeople(query) {
  const [people, setPeople] = useState([]);
  useEffect(() => {
    if (query === null) return setPeople([]);
    let live = true;
    const timer = setTimeout(() => {
      gql(Q_PEOPLE, { q: query || null })
        .then((d) => live && setPeople((d.people || []).slice(0, 6)))
        .catch(() => live && setPeople([]));
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);
  return people;
}

/** The options of a people combobox (the control owns the focus and the keys). */
export function PeopleList({ id, people, active, onPick }) {
  if (!people.length) return null;
  return html`<ul class="people-list" id=${id} role="listbox" aria-label=${t('people.label')}>
    ${people.map(
      (u, i) => html`<li
        key=${u.id}
        id=${id + '-' + i}
        role="option"
        aria-selected=${i === active ? 'true' : 'false'}
        class=${i === active ? 'active' : ''}
        onPointerDown=${(e) => e.preventDefault() /* keep the focus in the field */}
        onClick=${() => onPick(u)}
      >
        <${Avatar} user=${u} size="sm" /><bdi>${u.displayName}</bdi><span class="muted">@${u.handle}</span>
      </li>`,
    )}
  </ul>`;
}

/** Arrow keys / Enter / Escape of a combobox over `people`; returns true when it took the key. */
export function listKeys(e, people, active, setActive, pick, close) {
  if (!people.length || e.isComposing || e.keyCode === 229) return false; // an input method is composing
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    setActive((active + (e.key === 'ArrowDown' ? 1 : people.length - 1)) % people.length);
  } else if (e.key === 'Enter' || e.key === 'Tab') pick(people[active] || people[0]);
  else if (e.key === 'Escape') close();
  else return false;
  e.preventDefault();
  return true;
}

/** Pick a person: a search field with a list under it (assignee, collaborators). */
export function PersonPicker({ id, label, onPick, exclude = [] }) {
  const [q, setQ] = useState(null);
  const [active, setActive] = useState(0);
  const people = usePeople(q).filter((u) => !exclude.includes(u.id));
  const pick = (u) => {
    onPick(u);
    setQ(null);
  };
  const open = q !== null && people.length > 0;
  return html`<div class="person-picker">
    <label class="sr-only" for=${id}>${label}</label>
    <input
      id=${id}
      type="search"
      placeholder=${label}
      autocomplete="off"
      role="combobox"
      aria-autocomplete="list"
      aria-expanded=${open ? 'true' : 'false'}
      aria-controls=${id + '-list'}
      aria-activedescendant=${open ? id + '-list-' + active : undefined}
      value=${q || ''}
      onFocus=${() => q === null && setQ('')}
      onBlur=${() => setTimeout(() => setQ(null), 150)}
      onInput=${(e) => (setQ(e.currentTarget.value), setActive(0))}
      onKeyDown=${(e) => listKeys(e, people, active, setActive, pick, () => setQ(null))}
    />
    ${open ? html`<${PeopleList} id=${id + '-list'} people=${people} active=${active} onPick=${pick} />` : null}
  </div>`;
}
