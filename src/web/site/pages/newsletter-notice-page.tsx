import type { ComponentChildren } from 'preact';
import { Layout } from '../../components/layout.tsx';
import type { ViewContext } from '../../components/view-context.ts';

/** A short answer to a newsletter action: check your inbox, subscribed, unsubscribed. */
export function NewsletterNoticePage({
  view,
  title,
  children,
}: {
  view: ViewContext;
  title: string;
  children: ComponentChildren;
}) {
  return (
    <Layout
      view={view}
      title={title}
      head={<meta name="robots" content="noindex" />}
      showNewsletter={false}
    >
      <h1>{title}</h1>
      {children}
    </Layout>
  );
}
