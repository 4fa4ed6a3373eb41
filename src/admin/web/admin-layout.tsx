import type { ComponentChildren } from 'preact';
import { mayEditCenters } from '../centers/center-editor.ts';
import { type AdminView, can } from './admin-view.ts';

/** The frame of every admin page: its own plain design, never indexed, never cached. */
export function AdminLayout({
  view,
  title,
  children,
}: {
  view: AdminView;
  title: string;
  children: ComponentChildren;
}) {
  const menu = view.user
    ? [
        { href: '/admin', label: 'Dashboard' },
        { href: '/admin/publications', label: 'Publications' },
        ...(view.user.role !== 'author'
          ? [
              { href: '/admin/people', label: 'People' },
              { href: '/admin/terms', label: 'Taxonomies' },
              { href: '/admin/partners', label: 'Partners' },
              { href: '/admin/newsletters', label: 'Newsletters' },
            ]
          : []),
        ...(mayEditCenters(view.user) ? [{ href: '/admin/centers', label: 'Centers' }] : []),
        ...(can.manageUsers(view.user) ? [{ href: '/admin/users', label: 'Users' }] : []),
        { href: '/admin/account', label: 'Your account' },
      ]
    : [];
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${title} | ${view.networkName} admin`}</title>
        <link rel="stylesheet" href={`/assets/admin.css?v=${view.assetVersion}`} />
        <script src={`/assets/admin.js?v=${view.assetVersion}`} defer />
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="admin-header">
          <span class="admin-brand">{view.networkName} admin</span>
          {view.user && (
            <nav aria-label="Admin">
              <ul>
                {menu.map((item) => (
                  <li key={item.href}>
                    <a href={item.href} aria-current={view.path === item.href ? 'page' : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          {view.user && (
            <form method="post" action="/admin/logout" class="admin-signout">
              <CsrfField view={view} />
              <span class="admin-who">
                {view.user.name} ({view.user.role})
              </span>
              <button type="submit">Sign out</button>
            </form>
          )}
        </header>
        <main id="main" class="admin-main">
          <h1>{title}</h1>
          {children}
        </main>
      </body>
    </html>
  );
}

export function CsrfField({ view }: { view: AdminView }) {
  return <input type="hidden" name="_csrf" value={view.csrf} />;
}

/** A form's problem, announced to screen readers as soon as the page loads. */
export function FormError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <div class="admin-error" role="alert" id="form-error">
      {message}
    </div>
  );
}

export function Notice({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p class="admin-notice" role="status">
      {message}
    </p>
  );
}
