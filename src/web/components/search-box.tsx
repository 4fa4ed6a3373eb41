import { href, type ViewContext } from './view-context.ts';

/**
 * A GET form to the search page: the header's compact box and the search page's own.
 * It works as a plain form; site.js adds suggestions as the reader types (from
 * `data-suggest`, with paths under `data-base`) without changing what a submit does.
 */
export function SearchBox({
  view,
  id,
  value = '',
  label = 'Search',
  hideLabel = false,
  variant = 'page',
  hidden = [],
}: {
  view: ViewContext;
  /** The input's id: unique on the page (the header's box and the page's differ). */
  id: string;
  value?: string;
  label?: string;
  hideLabel?: boolean;
  variant?: 'header' | 'page';
  /** Parameters the form carries along unchanged (a search page's current filters). */
  hidden?: [name: string, value: string][];
}) {
  return (
    <search class={`search-box search-box--${variant}`}>
      <form method="get" action={href(view, '/search')}>
        <label for={id} class={hideLabel ? 'visually-hidden' : 'search-box__label'}>
          {label}
        </label>
        <div class="search-box__field">
          <input
            id={id}
            type="search"
            name="q"
            value={value}
            maxLength={500}
            data-suggest={href(view, '/api/search/suggest')}
            data-base={view.site.basePath}
          />
          <button type="submit">Search</button>
        </div>
        {hidden.map(([name, v]) => (
          <input key={`${name}=${v}`} type="hidden" name={name} value={v} />
        ))}
      </form>
    </search>
  );
}
