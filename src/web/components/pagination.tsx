import { href, type ViewContext } from './view-context.ts';

/** Previous/next links and "Page 2 of 40"; keeps the page's other query parameters. */
export function Pagination({
  view,
  page,
  total,
  pageSize,
  query = {},
}: {
  view: ViewContext;
  page: number;
  total: number;
  pageSize: number;
  query?: Record<string, string | string[] | undefined>;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const link = (n: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value])
        params.append(key, v);
    }
    if (n > 1) params.set('page', String(n));
    const qs = params.toString();
    return `${href(view, view.path)}${qs ? `?${qs}` : ''}`;
  };
  return (
    <nav class="pagination" aria-label="Pages">
      {page > 1 && (
        <a href={link(page - 1)} rel="prev">
          Previous
        </a>
      )}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages && (
        <a href={link(page + 1)} rel="next">
          Next
        </a>
      )}
    </nav>
  );
}
