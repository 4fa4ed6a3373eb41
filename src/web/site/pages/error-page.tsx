import { Layout } from '../../components/layout.tsx';
import { href, type ViewContext } from '../../components/view-context.ts';

/** 404 and every other error, in the site's own design. `message` is always safe to show. */
export function ErrorPage({
  view,
  status,
  message,
}: {
  view: ViewContext;
  status: number;
  message: string;
}) {
  const title =
    status === 404
      ? 'Page not found'
      : status >= 500
        ? 'Something went wrong'
        : 'This request could not be served';
  return (
    <Layout view={view} title={title} head={<meta name="robots" content="noindex" />}>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href={href(view, '/')}>Go to the home page</a> or{' '}
        <a href={href(view, '/research')}>browse all research</a>.
      </p>
    </Layout>
  );
}
