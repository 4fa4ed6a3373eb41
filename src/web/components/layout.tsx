import type { ComponentChildren } from 'preact';
import type { FeedLink } from './feed-links.ts';
import { NewsletterSignup } from './newsletter-signup.tsx';
import { SearchBox } from './search-box.tsx';
import { assetUrl, href, uploadUrl, type ViewContext } from './view-context.ts';

export interface LayoutProps {
  view: ViewContext;
  title: string;
  description?: string;
  /** Absolute canonical URL; defaults to this page on this site. */
  canonical?: string;
  /** Extra elements for <head> (article metadata, noindex…). */
  head?: ComponentChildren;
  /** Feeds of what this page lists, for feed readers to discover. */
  feeds?: FeedLink[];
  /** Pages that carry their own sign-up block (the publication page) turn the footer one off. */
  showNewsletter?: boolean;
  /** The search page has its own box and turns the header's off. */
  searchBox?: boolean;
  children: ComponentChildren;
}

/** The frame of every public page, branded by the center whose site is being shown. */
export function Layout({
  view,
  title,
  description,
  canonical,
  head,
  feeds = [],
  showNewsletter = true,
  searchBox = true,
  children,
}: LayoutProps) {
  const { center, network } = view.site;
  const fullTitle = title === center.name ? title : `${title} | ${center.name}`;
  return (
    <html lang={center.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={description || center.tagline || center.name} />
        <link rel="canonical" href={canonical ?? `${view.origin}${href(view, view.path)}`} />
        {feeds.map((feed) => (
          <link
            key={feed.href}
            rel="alternate"
            type={feed.type}
            title={feed.title}
            href={feed.href}
          />
        ))}
        <link rel="stylesheet" href={assetUrl(view, 'site.css')} />
        <link
          rel="icon"
          href={
            network.lettermarkPath
              ? uploadUrl(network.lettermarkPath)
              : assetUrl(view, 'favicon.svg')
          }
          type="image/svg+xml"
        />
        <meta name="theme-color" content={center.accentColor} />
        {head}
        <script src={assetUrl(view, 'site.js')} defer />
      </head>
      <body style={`--accent:${center.accentColor}`}>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <div class="wrap site-header__inner">
            <a class="brand" href={href(view, '/')}>
              <CenterLogo view={view} class="brand__logo" fallbackClass="brand__name" />
            </a>
            <nav class="site-nav" aria-label="Main">
              <ul>
                {center.headerMenu.map((item) => (
                  <li key={item.url}>
                    <a
                      href={href(view, item.url)}
                      aria-current={isCurrent(view, item.url) ? 'page' : undefined}
                    >
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            {searchBox && <SearchBox view={view} id="site-search-q" variant="header" hideLabel />}
            {network.lettermarkPath && (
              <a class="network-mark" href={network.url ?? href(view, '/')}>
                <img
                  src={uploadUrl(network.lettermarkPath)}
                  alt={network.name}
                  width={40}
                  height={40}
                />
              </a>
            )}
          </div>
        </header>
        <main id="main" class="wrap">
          {children}
        </main>
        {showNewsletter && center.defaultNewsletter && (
          <div class="wrap">
            <NewsletterSignup view={view} />
          </div>
        )}
        <Footer view={view} />
      </body>
    </html>
  );
}

function Footer({ view }: { view: ViewContext }) {
  const { center, network } = view.site;
  const address = [
    center.streetAddress,
    [center.postalCode, center.locality].filter(Boolean).join(' '),
    center.country,
  ].filter(Boolean);
  return (
    <footer class="site-footer">
      <div class="wrap site-footer__inner">
        <div class="site-footer__contact">
          <CenterLogo
            view={view}
            class="site-footer__logo"
            fallbackClass="site-footer__name"
            lazy
          />
          <address>
            {address.map((line) => (
              <span key={line} class="address-line">
                {line}
              </span>
            ))}
            {center.phone && (
              <span class="address-line">
                Phone: <a href={`tel:${center.phone.replace(/[^+\d]/g, '')}`}>{center.phone}</a>
              </span>
            )}
            {center.email && (
              <span class="address-line">
                <a href={`mailto:${center.email}`}>{center.email}</a>
              </span>
            )}
          </address>
        </div>
        <nav aria-label="Footer">
          <ul class="footer-nav">
            {center.footerMenu.map((item) => (
              <li key={item.url}>
                <a href={href(view, item.url)}>{item.label}</a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <p class="wrap copyright">
        © {view.year} {center.name}
        {center.isHeadquarters ? '' : `, part of ${network.name}`}
      </p>
    </footer>
  );
}

function isCurrent(view: ViewContext, url: string): boolean {
  return url !== '/' && (view.path === url || view.path.startsWith(`${url}/`));
}

/** The center's logo (its name as alt text), or its name where it has no logo. */
function CenterLogo(props: {
  view: ViewContext;
  class: string;
  fallbackClass: string;
  lazy?: boolean;
}) {
  const { center } = props.view.site;
  if (!center.logoPath) return <span class={props.fallbackClass}>{center.name}</span>;
  return (
    <img
      class={props.class}
      src={uploadUrl(center.logoPath)}
      alt={center.name}
      width={180}
      height={48}
      loading={props.lazy ? 'lazy' : undefined}
    />
  );
}
