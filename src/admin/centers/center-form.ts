import type { CenterRecord } from '../../import/records.ts';
import type { CenterChanges } from './center-editor.ts';
import { itemsOf, type MenuMove, type MenuRow, readMove, readRows, rowsOf } from './menu-rows.ts';

/*
 * The center form's fields as typed, so a refused save shows them again unchanged, and
 * their translation into the import format's center (empty means absent; a path prefix
 * may be written /europe).
 */

export interface CenterForm {
  /** Only a new center's: a center's address is fixed once made. */
  slug: string;
  name: string;
  shortName: string;
  tagline: string;
  description: string;
  locale: string;
  timeZone: string;
  accentColor: string;
  host: string;
  pathPrefix: string;
  street: string;
  locality: string;
  postalCode: string;
  country: string;
  phone: string;
  email: string;
  disclaimer: string;
  feedFullText: boolean;
  header: MenuRow[];
  footer: MenuRow[];
}

/** A new center's form: the import format's defaults. */
export function blankForm(): CenterForm {
  return {
    slug: '',
    name: '',
    shortName: '',
    tagline: '',
    description: '',
    locale: 'en-US',
    timeZone: 'UTC',
    accentColor: '#1f4e79',
    host: '',
    pathPrefix: '',
    street: '',
    locality: '',
    postalCode: '',
    country: '',
    phone: '',
    email: '',
    disclaimer: '',
    feedFullText: false,
    header: rowsOf('header', []),
    footer: rowsOf('footer', []),
  };
}

export function formOf(record: CenterRecord): CenterForm {
  return {
    slug: record.slug,
    name: record.name,
    shortName: record.shortName,
    tagline: record.tagline,
    description: record.description,
    locale: record.locale,
    timeZone: record.timeZone,
    accentColor: record.accentColor,
    host: record.host ?? '',
    pathPrefix: record.pathPrefix ? `/${record.pathPrefix}` : '',
    street: record.address.street,
    locality: record.address.locality,
    postalCode: record.address.postalCode,
    country: record.address.country,
    phone: record.phone,
    email: record.email ?? '',
    disclaimer: record.disclaimer,
    feedFullText: record.feedFullText,
    header: rowsOf('header', record.navigation.header),
    footer: rowsOf('footer', record.navigation.footer),
  };
}

/** The posted form, and the up/down button pressed, if any. */
export function readForm(body: Record<string, unknown>): { form: CenterForm; move?: MenuMove } {
  const text = (name: string) => {
    const value = body[name];
    return typeof value === 'string' ? value : '';
  };
  const line = (name: string) => text(name).trim();
  const form: CenterForm = {
    slug: line('slug'),
    name: line('name'),
    shortName: line('shortName'),
    tagline: line('tagline'),
    description: text('description'),
    locale: line('locale'),
    timeZone: line('timeZone'),
    accentColor: line('accentColor'),
    host: line('host').toLowerCase(),
    pathPrefix: line('pathPrefix'),
    street: line('street'),
    locality: line('locality'),
    postalCode: line('postalCode'),
    country: line('country'),
    phone: line('phone'),
    email: line('email'),
    disclaimer: text('disclaimer').trim(),
    feedFullText: body.feedFullText === 'yes',
    header: readRows('header', body),
    footer: readRows('footer', body),
  };
  const move = readMove(body.move);
  return move ? { form, move } : { form };
}

/** The form as the center's editable fields; throws at the first bad menu row. */
export function changesOf(form: CenterForm, move?: MenuMove): CenterChanges {
  return {
    name: form.name,
    shortName: form.shortName,
    tagline: form.tagline,
    description: form.description,
    locale: form.locale,
    timeZone: form.timeZone,
    accentColor: form.accentColor,
    host: form.host || undefined,
    // One slash before and after is how people write a path; the record holds the word.
    pathPrefix: form.pathPrefix.replace(/^\/(?!\/)/, '').replace(/\/$/, '') || undefined,
    address: {
      street: form.street,
      locality: form.locality,
      postalCode: form.postalCode,
      country: form.country,
    },
    phone: form.phone,
    email: form.email || undefined,
    disclaimer: form.disclaimer,
    feedFullText: form.feedFullText,
    navigation: {
      header: itemsOf('header', form.header, move),
      footer: itemsOf('footer', form.footer, move),
    },
  };
}
