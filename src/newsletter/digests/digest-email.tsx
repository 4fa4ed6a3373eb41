import { formatDate } from '../../lib/dates.ts';
import type { DigestItem, DigestModel } from './digest-content.ts';

/*
 * The digest's HTML part: a hand-written responsive table layout rather than MJML.
 * A digest is one column (header, intro, a list of cards, footer), which a fluid table
 * (100% wide up to 600px, `width="600"` for Outlook's Word engine, one media query for
 * phones) renders on every client MJML targets; MJML would add a compiler of some thirty
 * packages and tens of milliseconds a render for no layout we use. Everything is inline
 * styles (Gmail drops most <style>), and Preact escapes every text and attribute, as on
 * the site. Per-subscriber links arrive as placeholders (render-digest.ts).
 */

export interface DigestLinks {
  unsubscribe: string;
  preferences: string;
}

const FONT = 'font-family:Georgia,serif;';
const SANS = 'font-family:Arial,sans-serif;';
const MUTED = 'color:#555555;';

/** The center's accent colour, if it is a plain hex colour; anything else is not CSS we emit. */
function accentOf(model: DigestModel): string {
  return /^#[0-9a-f]{3}(?:[0-9a-f]{3})?$/i.test(model.center.accentColor)
    ? model.center.accentColor
    : '#1f4e79';
}

export function DigestEmail({ model, links }: { model: DigestModel; links: DigestLinks }) {
  const { center, list, issue } = model;
  const accent = accentOf(model);
  const date = formatDate(issue.coversUntil, center.locale, center.timeZone);
  return (
    <html lang={list.language || center.locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="x-apple-disable-message-reformatting" />
        <title>{issue.subject}</title>
        <style>
          {
            '@media only screen and (max-width:620px){.digest-container{width:100% !important}.digest-pad{padding-left:16px !important;padding-right:16px !important}}'
          }
        </style>
      </head>
      <body style="margin:0;padding:0;background-color:#f3f3f3;">
        <div style="display:none;max-height:0;overflow:hidden;">
          {model.items[0]?.dek ?? list.description}
        </div>
        <table role="presentation" width="100%" cellPadding="0" cellSpacing="0">
          <tr>
            <td align="center" style="padding:24px 0;">
              <table
                role="presentation"
                class="digest-container"
                width="600"
                cellPadding="0"
                cellSpacing="0"
                style="width:600px;max-width:600px;background-color:#ffffff;"
              >
                <tr>
                  <td
                    class="digest-pad"
                    style={`padding:24px 32px;border-top:6px solid ${accent};${SANS}`}
                  >
                    <a href={model.homeUrl} style="text-decoration:none;color:#111111;">
                      {model.logoUrl ? (
                        <img
                          src={model.logoUrl}
                          alt={center.name}
                          height="40"
                          style="display:block;height:40px;width:auto;border:0;"
                        />
                      ) : (
                        <strong style="font-size:20px;">{center.name}</strong>
                      )}
                    </a>
                    <p style={`margin:12px 0 0;font-size:14px;${MUTED}`}>
                      {list.name} · {date}
                    </p>
                  </td>
                </tr>
                {model.introHtml !== '' && (
                  <tr>
                    <td
                      class="digest-pad"
                      style={`padding:8px 32px 16px;font-size:17px;line-height:1.5;color:#222222;${FONT}`}
                      // Rendered by the site's Markdown renderer with raw HTML disabled.
                      dangerouslySetInnerHTML={{ __html: model.introHtml }}
                    />
                  </tr>
                )}
                {model.items.map((item) => (
                  <DigestCard key={item.id} item={item} accent={accent} />
                ))}
                <DigestFooter model={model} links={links} />
              </table>
            </td>
          </tr>
        </table>
      </body>
    </html>
  );
}

function DigestCard({ item, accent }: { item: DigestItem; accent: string }) {
  // Short styles: a digest is sent thousands of times, and every byte is in every copy.
  return (
    <tr>
      <td
        class="digest-pad"
        style={`padding:16px 32px;border-top:1px solid #e5e5e5;color:#222;${FONT}`}
      >
        {item.image && (
          <a href={item.url}>
            <img
              src={item.image.url}
              alt={item.image.alt}
              width="536"
              style="display:block;width:100%;max-width:536px;height:auto;border:0;margin:0 0 12px"
            />
          </a>
        )}
        <p
          style={`margin:0 0 4px;font:12px Arial,sans-serif;text-transform:uppercase;color:${accent}`}
        >
          {item.typeName}
        </p>
        <h2 style="margin:0 0 6px;font-size:21px;line-height:1.3">
          <a href={item.url} style="color:#111;text-decoration:none">
            {item.title}
          </a>
        </h2>
        {item.authors.length > 0 && (
          <p style="margin:0 0 8px;font:14px Arial,sans-serif;color:#555">
            {item.authors.join(', ')}
          </p>
        )}
        {item.dek && <p style="margin:0 0 8px;font-size:16px;line-height:1.5">{item.dek}</p>}
        <p style="margin:0;font:14px Arial,sans-serif">
          <a href={item.url} style={`color:${accent}`}>
            Read more
          </a>
        </p>
      </td>
    </tr>
  );
}

function DigestFooter({ model, links }: { model: DigestModel; links: DigestLinks }) {
  const { center, list } = model;
  const address = postalAddress(model);
  return (
    <tr>
      <td
        class="digest-pad"
        style={`padding:24px 32px;background-color:#fafafa;font-size:13px;line-height:1.5;${MUTED}${SANS}`}
      >
        <p style="margin:0 0 8px;">
          You receive {list.name} because you subscribed to it from {center.name}.
        </p>
        <p style="margin:0 0 8px;">
          <a href={links.preferences} style="color:#555555;">
            Manage your subscriptions
          </a>
          {' · '}
          <a href={links.unsubscribe} style="color:#555555;">
            Unsubscribe from {list.name}
          </a>
        </p>
        <p style="margin:0 0 8px;">
          <strong>{center.name}</strong>
          {address && <br />}
          {address}
          {center.phone && <br />}
          {center.phone}
        </p>
        {center.disclaimer && <p style="margin:0;font-size:12px;">{center.disclaimer}</p>}
      </td>
    </tr>
  );
}

/** "1 Main Street, 10000 Capital, Testland"; '' when the center has no address. */
export function postalAddress(model: DigestModel): string {
  const { center } = model;
  const town = [center.postalCode, center.locality].filter(Boolean).join(' ');
  return [center.streetAddress, town, center.country].filter(Boolean).join(', ');
}
