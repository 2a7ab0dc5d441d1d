/**
 * Single-key shortcuts (match queue and review). They never fire while the reader types in a
 * field, nor with a modifier key held (browser and screen-reader shortcuts stay as they are).
 */

type KeyLike = {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  defaultPrevented: boolean;
  target: EventTarget | null;
};

type ElementLike = {
  tagName?: string;
  isContentEditable?: boolean;
  getAttribute?: (name: string) => string | null;
  closest?: (selector: string) => unknown;
};

const typingRoles = new Set(['textbox', 'combobox', 'searchbox', 'spinbutton']);

/** Whether keys typed at `target` are text (an input, a text area, a select, an editable element). */
export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as ElementLike | null;
  if (!el || typeof el !== 'object') return false;
  const tag = (el.tagName ?? '').toUpperCase();
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (el.isContentEditable) return true;
  const role = el.getAttribute?.('role');
  return role ? typingRoles.has(role) : false;
}

/** Whether a dialog is open over the page (its own keys win). */
export function insideDialog(target: EventTarget | null): boolean {
  const el = target as ElementLike | null;
  return Boolean(el?.closest?.('[role="dialog"]'));
}

/** The shortcut a key press stands for (lower case), or null when it is not one. */
export function shortcutOf(e: KeyLike, keys: readonly string[]): string | null {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return null;
  if (isTypingTarget(e.target) || insideDialog(e.target)) return null;
  const k = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  return keys.includes(k) ? k : null;
}

/** The row selected after j (next) or k (previous); from no selection, j takes the first. */
export function moveSelection(current: number, count: number, key: 'j' | 'k'): number {
  if (count === 0) return -1;
  if (current < 0) return key === 'j' ? 0 : count - 1;
  return key === 'j' ? Math.min(current + 1, count - 1) : Math.max(current - 1, 0);
}
