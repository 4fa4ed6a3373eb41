/**
 * The copy-link control. Without JavaScript it is a plain link to the page itself
 * (readers copy it as any link); site.js turns it into a button that copies the
 * address and says "Link Copied".
 */
export function ShareLink({ url }: { url: string }) {
  return (
    <div class="share">
      <a class="share__copy" href={url} data-copy-link={url}>
        <span class="share__label">Copy link</span>
      </a>
      <span class="share__status" role="status" aria-live="polite" />
    </div>
  );
}
