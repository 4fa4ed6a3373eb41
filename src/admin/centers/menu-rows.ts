import type { NavigationItem } from '../../domain/center.ts';
import { menuUrlProblem } from '../../domain/menu-url.ts';
import { ValidationError } from '../../errors.ts';

/*
 * A center's menus as the admin form shows them: a row per item plus a few blank ones,
 * each with an order number, a remove box and up/down buttons, so they can be edited
 * without JavaScript. Rows become the ordered items the import format's center holds.
 */

export type MenuName = 'header' | 'footer';

export const MENUS: Record<MenuName, { title: string; max: number }> = {
  header: { title: 'Header menu', max: 20 },
  footer: { title: 'Footer menu', max: 30 },
};

/** Blank rows offered below a menu's items for adding new ones. */
const BLANK_ROWS = 3;
const MAX_LABEL = 80;

export interface MenuRow {
  label: string;
  url: string;
  /** As typed: a whole number, or empty to keep the row where it stands. */
  order: string;
  remove: boolean;
}

/** An up/down button pressed: the row (as sent) to move one step. */
export interface MenuMove {
  menu: MenuName;
  row: number;
  direction: 'up' | 'down';
}

/** The rows a form shows for a menu: its items in order, then blank rows within its limit. */
export function rowsOf(menu: MenuName, items: NavigationItem[]): MenuRow[] {
  const rows = items.map((item, i) => ({ ...item, order: String(i + 1), remove: false }));
  const blanks = Math.max(0, Math.min(BLANK_ROWS, MENUS[menu].max - rows.length));
  for (let i = 0; i < blanks; i++) rows.push({ label: '', url: '', order: '', remove: false });
  return rows;
}

/** Reads `header-0-label`, `header-0-url`, … as posted; stops at the menu's limit. */
export function readRows(menu: MenuName, body: Record<string, unknown>): MenuRow[] {
  const text = (name: string) => {
    const value = body[name];
    return typeof value === 'string' ? value : '';
  };
  const rows: MenuRow[] = [];
  for (let i = 0; i < MENUS[menu].max + BLANK_ROWS; i++) {
    const key = `${menu}-${i}`;
    if (!(`${key}-label` in body) && !(`${key}-url` in body)) break;
    rows.push({
      label: text(`${key}-label`).trim(),
      url: text(`${key}-url`).trim(),
      order: text(`${key}-order`).trim(),
      remove: body[`${key}-remove`] === 'yes',
    });
  }
  return rows;
}

/** `header-2-up` → a move of that row; anything else → none. */
export function readMove(value: unknown): MenuMove | undefined {
  const match =
    typeof value === 'string' ? /^(header|footer)-(\d{1,3})-(up|down)$/.exec(value) : null;
  if (!match) return undefined;
  return {
    menu: match[1] as MenuName,
    row: Number(match[2]),
    direction: match[3] as 'up' | 'down',
  };
}

/**
 * The menu's items: blank and removed rows dropped, sorted by order number (rows without
 * one keep their place after the numbered ones), then the pressed button's move. Throws
 * a ValidationError naming the row's field (`header-2-url`) at the first bad row.
 */
export function itemsOf(
  menu: MenuName,
  rows: MenuRow[],
  move: MenuMove | undefined,
): NavigationItem[] {
  const { title, max } = MENUS[menu];
  const kept: { item: NavigationItem; rank: number; row: number }[] = [];
  for (const [i, row] of rows.entries()) {
    if (row.remove || (row.label === '' && row.url === '')) continue;
    const where = `${title}, row ${i + 1}:`;
    const problem = (field: string, message: string) =>
      new ValidationError({ code: 'BAD_REQUEST', field: `${menu}-${i}-${field}`, message });
    if (row.label === '') throw problem('label', `${where} give the link a label.`);
    if (row.label.length > MAX_LABEL)
      throw problem('label', `${where} the label must be at most ${MAX_LABEL} characters.`);
    if (row.url === '') throw problem('url', `${where} give the link an address.`);
    const urlProblem = menuUrlProblem(row.url);
    if (urlProblem) throw problem('url', `${where} the address ${urlProblem}.`);
    let rank = 1000 + i;
    if (row.order !== '') {
      if (!/^\d{1,3}$/.test(row.order))
        throw problem('order', `${where} the order must be a whole number from 0 to 999.`);
      rank = Number(row.order);
    }
    kept.push({ item: { label: row.label, url: row.url }, rank, row: i });
  }
  if (kept.length > max)
    throw new ValidationError({
      code: 'BAD_REQUEST',
      field: `${menu}-0-label`,
      message: `The ${title.toLowerCase()} may have at most ${max} links; remove some.`,
    });
  kept.sort((a, b) => a.rank - b.rank || a.row - b.row);
  if (move?.menu === menu) {
    const from = kept.findIndex((k) => k.row === move.row);
    const to = from + (move.direction === 'up' ? -1 : 1);
    const [moving, other] = [kept[from], kept[to]];
    if (from >= 0 && moving && other) {
      kept[to] = moving;
      kept[from] = other;
    }
  }
  return kept.map((k) => k.item);
}
