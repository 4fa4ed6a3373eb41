import { z } from 'zod';
import { BadRequestError } from '../errors.ts';
import { FACETS, type FacetName, type SearchQuery, type SearchSort } from './search-index.ts';

/** Results per page on the search page and in the API. */
const SEARCH_PAGE_SIZE = 20;
/** Longer search text is refused with a 400 (not cut short: a cut query finds other things). */
const MAX_TEXT_LENGTH = 500;
/** Values one facet may name in one query (OR within a facet): more is not a reader's query. */
const MAX_VALUES_PER_FACET = 50;
/** Pages beyond the last are empty, not errors; beyond this the number is not a page at all. */
const MAX_PAGE = 1_000_000_000;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LANGUAGE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
const YEAR = /^\d{4}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** What each facet's values look like, and how to say so when one does not. */
const VALUE_RULES: Record<FacetName, { pattern: RegExp; hint: string }> = {
  type: slugRule('paper'),
  center: slugRule('europe'),
  program: slugRule('economy'),
  project: slugRule('grid-futures'),
  region: slugRule('western-europe'),
  topic: slugRule('energy'),
  collection: slugRule('briefs'),
  author: slugRule('alice-archer'),
  language: { pattern: LANGUAGE, hint: 'a language code such as en or pt-BR' },
  year: { pattern: YEAR, hint: 'a four-digit year such as 2024' },
};

function slugRule(example: string) {
  return {
    pattern: SLUG,
    hint: `a slug of lowercase letters, digits and hyphens, such as ${example}`,
  };
}

/** A parameter that makes sense once; `?q=a&q=b` arrives as an array and is refused. */
const once = z.string({ error: 'was given more than once; give it once' }).optional();

/** `?topic=a&topic=b` and `?topic=a` alike; empty values (an unchosen form field) drop out. */
function facetValues(facet: FacetName) {
  const { pattern, hint } = VALUE_RULES[facet];
  return z
    .union([z.string(), z.array(z.string())], { error: 'is not a list of values' })
    .optional()
    .transform((value) => {
      const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
      return [...new Set(list.map((v) => v.trim()).filter((v) => v !== ''))];
    })
    .superRefine((values, ctx) => {
      if (values.length > MAX_VALUES_PER_FACET) {
        ctx.addIssue({
          code: 'custom',
          message: `names ${values.length} values; the limit is ${MAX_VALUES_PER_FACET}`,
        });
        return;
      }
      const bad = values.find((v) => v.length > 200 || !pattern.test(v));
      if (bad !== undefined) {
        ctx.addIssue({ code: 'custom', message: `value ${quote(bad)} is not ${hint}` });
      }
    });
}

const date = once
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))
  .superRefine((v, ctx) => {
    if (v === undefined) return;
    if (!isRealDate(v)) {
      ctx.addIssue({
        code: 'custom',
        message: `${quote(v)} is not a date written as YYYY-MM-DD, such as 2024-03-01`,
      });
    }
  });

// Outside the schema's function: esbuild writes a `\p{…}` literal as `new RegExp(…)`,
// made afresh at every call, and this one runs on every keystroke of a search.
const CONTROLS = /\p{Cc}+/gu;

const searchParams = z
  .object({
    q: once
      .transform((v) => (v ?? '').replace(CONTROLS, ' ').trim())
      .superRefine((v, ctx) => {
        if (v.length > MAX_TEXT_LENGTH) {
          ctx.addIssue({
            code: 'custom',
            message: `is ${v.length} characters long; the limit is ${MAX_TEXT_LENGTH}. Use fewer words`,
          });
        }
      }),
    ...(Object.fromEntries(FACETS.map((facet) => [facet, facetValues(facet)])) as {
      [F in FacetName]: ReturnType<typeof facetValues>;
    }),
    from: date,
    to: date,
    sort: once.transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      if (v === 'relevance' || v === 'date') return v;
      ctx.addIssue({ code: 'custom', message: 'must be relevance or date' });
      return z.NEVER;
    }),
    page: once.transform((v, ctx) => {
      if (v === undefined || v === '') return 1;
      if (!/^\d{1,10}$/.test(v) || Number(v) < 1) {
        ctx.addIssue({ code: 'custom', message: 'must be a whole number, 1 or more' });
        return z.NEVER;
      }
      const page = Number(v);
      if (page > MAX_PAGE) {
        ctx.addIssue({ code: 'custom', message: `is too large (at most ${MAX_PAGE})` });
        return z.NEVER;
      }
      return page;
    }),
  })
  .superRefine((params, ctx) => {
    if (params.from !== undefined && params.to !== undefined && params.from > params.to) {
      ctx.addIssue({
        code: 'custom',
        path: ['from'],
        message: `${params.from} is after the end date ${params.to}; swap them`,
      });
    }
  });

/** What each parameter is called in an error message. */
const PARAM_NAMES: Record<string, string> = {
  q: 'search text (q)',
  from: 'start date (from)',
  to: 'end date (to)',
  sort: 'sort order (sort)',
  page: 'page number',
  ...Object.fromEntries(FACETS.map((facet) => [facet, `${facet} filter`])),
};

/**
 * Reads a request's query object (as Fastify parses it) into a SearchQuery. Unknown
 * parameters are ignored; anything malformed throws a BadRequestError whose `field`
 * names the parameter. The sort defaults to relevance when there is text and is always
 * date without it (relevance means nothing then). Filters that are well formed but name
 * nothing are not refused here: the index reports them as `unknownFilters`.
 */
export function parseSearchQuery(raw: unknown): SearchQuery {
  const input = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {};
  const parsed = searchParams.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? 'q');
    throw new BadRequestError({
      code: 'BAD_REQUEST',
      field,
      message: `The ${PARAM_NAMES[field] ?? field} ${issue?.message ?? 'is not valid'}.`,
    });
  }
  const { q, from, to, sort, page, ...facets } = parsed.data;
  const filters: SearchQuery['filters'] = {};
  for (const facet of FACETS) {
    const values = facets[facet];
    if (values.length > 0) filters[facet] = values;
  }
  return {
    text: q,
    filters,
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    sort: q === '' ? 'date' : (sort ?? 'relevance'),
    page,
    pageSize: SEARCH_PAGE_SIZE,
  };
}

/** One change to a query, for a link: a chip, a facet value, the sort switch, a page. */
export interface SearchChange {
  add?: { facet: FacetName; value: string };
  remove?: { facet: FacetName; value: string } | 'from' | 'to' | 'text' | 'filters';
  sort?: SearchSort;
  /** Any other change goes back to page 1. */
  page?: number;
}

/** The query with one change applied (filters and sort changes return to page 1). */
export function changeSearchQuery(query: SearchQuery, change: SearchChange): SearchQuery {
  const filters: SearchQuery['filters'] = {};
  for (const facet of FACETS) {
    const values = query.filters[facet];
    if (values && values.length > 0) filters[facet] = [...values];
  }
  let { from, to, text } = query;
  const { add, remove } = change;
  if (add && !filters[add.facet]?.includes(add.value)) {
    filters[add.facet] = [...(filters[add.facet] ?? []), add.value];
  }
  if (remove === 'from') from = undefined;
  else if (remove === 'to') to = undefined;
  else if (remove === 'text') text = '';
  else if (remove === 'filters') {
    for (const facet of FACETS) delete filters[facet];
    from = undefined;
    to = undefined;
  } else if (remove) {
    const left = (filters[remove.facet] ?? []).filter((v) => v !== remove.value);
    if (left.length > 0) filters[remove.facet] = left;
    else delete filters[remove.facet];
  }
  const sort = text === '' ? 'date' : (change.sort ?? query.sort);
  return {
    text,
    filters,
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    sort,
    page: change.page ?? 1,
    ...(query.pageSize === undefined ? {} : { pageSize: query.pageSize }),
  };
}

/**
 * The query string of a query, parameters in a fixed order and defaults left out, so
 * equal queries have equal URLs (and share a cache entry): `q=grid&topic=energy&page=2`.
 */
export function searchQueryString(query: SearchQuery): string {
  const params = new URLSearchParams();
  if (query.text !== '') params.append('q', query.text);
  for (const facet of FACETS) {
    for (const value of query.filters[facet] ?? []) params.append(facet, value);
  }
  if (query.from !== undefined) params.append('from', query.from);
  if (query.to !== undefined) params.append('to', query.to);
  const defaultSort = query.text === '' ? 'date' : 'relevance';
  if (query.sort !== defaultSort) params.append('sort', query.sort);
  if (query.page > 1) params.append('page', String(query.page));
  return params.toString();
}

/**
 * A link to `path` (the search page on this site, or the API) for the query with one
 * change applied: `searchUrl('/europe/search', query, { remove: { facet: 'topic', value: 'energy' } })`.
 */
export function searchUrl(path: string, query: SearchQuery, change?: SearchChange): string {
  const qs = searchQueryString(change ? changeSearchQuery(query, change) : query);
  return qs === '' ? path : `${path}?${qs}`;
}

function isRealDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // setUTCFullYear, not Date.UTC: the latter reads years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** A value as quoted in a message: short, so a 10,000-character value stays readable. */
function quote(value: string): string {
  return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
}
