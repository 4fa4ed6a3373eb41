import { PUBLICATION_STATUSES } from '../../../domain/publication.ts';
import { uploadUrl } from '../../../web/components/view-context.ts';
import { toLocalUtc } from '../../content/editor-form.ts';
import type { PublicationRecord, RevisionSummary } from '../../content/publication-editor.ts';
import { MAX_PDF_BYTES } from '../../media/uploads.ts';
import type { PressPreview } from '../../press/press-previews.ts';
import { AdminLayout, CsrfField, FormError, Notice } from '../admin-layout.tsx';
import type { AdminView } from '../admin-view.ts';

export interface EditorChoices {
  types: { slug: string; name: string }[];
  centers: { slug: string; name: string }[];
  topics: { slug: string; name: string }[];
  regions: { slug: string; name: string }[];
  people: { slug: string; name: string }[];
}

export function PublicationEditPage({
  view,
  id,
  record,
  live,
  pending,
  choices,
  revisions = [],
  jobs = [],
  previews = [],
  previewLink,
  error,
  errorField,
  notice,
}: {
  view: AdminView;
  id: number | undefined;
  record: Partial<PublicationRecord>;
  live: boolean;
  pending: boolean;
  choices: EditorChoices;
  revisions?: RevisionSummary[];
  jobs?: { kind: string; run_at: string }[];
  previews?: PressPreview[];
  previewLink?: string | undefined;
  error?: string;
  errorField?: string;
  notice?: string;
}) {
  const author = view.user?.role === 'author';
  const statuses = author ? ['draft', 'review'] : [...PUBLICATION_STATUSES];
  const described = (field: string) => (errorField === field ? 'form-error' : undefined);
  const action = id === undefined ? '/admin/publications/new' : `/admin/publications/${id}`;
  const names = new Map(choices.people.map((p) => [p.slug, p.name]));
  return (
    <AdminLayout
      view={view}
      title={id === undefined ? 'New publication' : `Edit: ${record.title ?? ''}`}
    >
      <Notice message={notice} />
      {previewLink && (
        <p class="admin-notice">
          <label for="preview-link">Press preview link</label>{' '}
          <input id="preview-link" readOnly value={previewLink} size={60} />
        </p>
      )}
      {live && (
        <p class="admin-help">
          This piece is live. Saving keeps your changes as a pending revision; the public sees the
          live version until an editor publishes the revision.
          {pending && ' A pending revision is open below.'}
        </p>
      )}
      <FormError message={error} />
      <form method="post" action={action} class="admin-form admin-form--wide">
        <CsrfField view={view} />
        <label for="title">Title</label>
        <input
          id="title"
          name="title"
          required
          maxLength={500}
          value={record.title ?? ''}
          aria-describedby={described('title')}
        />
        {id === undefined && (
          <>
            <label for="slug">Address (slug)</label>
            <input
              id="slug"
              name="slug"
              maxLength={200}
              pattern="[a-z0-9]+(-[a-z0-9]+)*"
              value={record.slug ?? ''}
              aria-describedby={described('slug') ?? 'slug-help'}
            />
            <p id="slug-help" class="admin-help">
              Lower-case words joined by hyphens; left empty, it is made from the title.
            </p>
          </>
        )}
        <label for="type">Type</label>
        <select id="type" name="type">
          {choices.types.map((t) => (
            <option key={t.slug} value={t.slug} selected={t.slug === record.type}>
              {t.name}
            </option>
          ))}
        </select>
        <label for="summary">Summary</label>
        <textarea id="summary" name="summary" rows={3} maxLength={5000}>
          {record.summary ?? ''}
        </textarea>
        <label for="body">Body (Markdown)</label>
        <textarea
          id="body"
          name="body"
          rows={16}
          data-markdown-editor
          aria-describedby={described('body')}
        >
          {record.body ?? ''}
        </textarea>
        <label for="authors">Authors, in byline order (one address name per line)</label>
        <textarea
          id="authors"
          name="authors"
          rows={3}
          aria-describedby={described('authors') ?? 'authors-help'}
          data-picker="people"
          data-picker-names={JSON.stringify(
            Object.fromEntries(
              (record.authors ?? []).map((slug) => [slug, names.get(slug) ?? slug]),
            ),
          )}
        >
          {(record.authors ?? []).join('\n')}
        </textarea>
        <p id="authors-help" class="admin-help">
          {(record.authors ?? []).map((slug) => names.get(slug) ?? slug).join(', ') ||
            'No authors yet.'}
        </p>
        <label for="newAuthor">Add an outside author by name (no account needed)</label>
        <input id="newAuthor" name="newAuthor" maxLength={200} />
        <label for="primaryCenter">Center</label>
        <select id="primaryCenter" name="primaryCenter">
          {choices.centers.map((c) => (
            <option key={c.slug} value={c.slug} selected={c.slug === record.primaryCenter}>
              {c.name}
            </option>
          ))}
        </select>
        <label for="topics">Topics</label>
        <select
          id="topics"
          name="topics"
          multiple
          size={6}
          data-picker="terms"
          data-picker-taxonomy="topic"
        >
          {choices.topics.map((t) => (
            <option key={t.slug} value={t.slug} selected={(record.topics ?? []).includes(t.slug)}>
              {t.name}
            </option>
          ))}
        </select>
        <label for="regions">Regions</label>
        <select
          id="regions"
          name="regions"
          multiple
          size={6}
          data-picker="terms"
          data-picker-taxonomy="region"
        >
          {choices.regions.map((t) => (
            <option key={t.slug} value={t.slug} selected={(record.regions ?? []).includes(t.slug)}>
              {t.name}
            </option>
          ))}
        </select>
        <label for="status">Status</label>
        <select id="status" name="status" aria-describedby={described('status')}>
          {statuses.map((s) => (
            <option key={s} value={s} selected={s === (record.status ?? 'draft')}>
              {s}
            </option>
          ))}
        </select>
        <label for="publishedAt">Publication time (UTC)</label>
        <input
          id="publishedAt"
          name="publishedAt"
          type="datetime-local"
          value={toLocalUtc(record.publishedAt)}
          aria-describedby={described('publishedAt')}
        />
        <label for="embargoUntil">Embargoed until (UTC)</label>
        <input
          id="embargoUntil"
          name="embargoUntil"
          type="datetime-local"
          value={toLocalUtc(record.embargoUntil)}
        />
        <button type="submit">{live ? 'Save as a pending revision' : 'Save'}</button>
      </form>
      {id !== undefined && !author && (live ? pending : record.status !== 'published') && (
        <form method="post" action={`/admin/publications/${id}/publish`} class="admin-form">
          <CsrfField view={view} />
          <button type="submit">{live ? 'Publish the pending revision' : 'Publish'}</button>
        </form>
      )}
      {id !== undefined && !author && (
        <RevisionScheduleForms
          view={view}
          id={id}
          pending={live && pending}
          runAt={jobs.find((j) => j.kind === 'publish-revision')?.run_at}
          isInvalid={errorField === 'publishRevisionAt'}
        />
      )}
      {id !== undefined && (
        <form
          method="post"
          action={`/admin/publications/${id}/lead-image`}
          enctype="multipart/form-data"
          class="admin-form"
        >
          <CsrfField view={view} />
          <h2>Lead image</h2>
          {record.leadImage ? (
            <p class="admin-help">
              Now: {record.leadImage.src} — “{record.leadImage.alt}”
            </p>
          ) : (
            <p class="admin-help">No lead image yet.</p>
          )}
          <label for="lead-file">Image (JPEG, PNG, WebP, AVIF or GIF, up to 20 MB)</label>
          <input
            id="lead-file"
            name="file"
            type="file"
            required
            accept="image/jpeg,image/png,image/webp,image/avif,image/gif"
          />
          <label for="lead-alt">Description for readers who cannot see it</label>
          <input id="lead-alt" name="alt" required maxLength={500} />
          <label for="lead-credit">Credit</label>
          <input id="lead-credit" name="credit" maxLength={300} />
          <button type="submit">Upload the lead image</button>
        </form>
      )}
      {id !== undefined && <PdfForms view={view} id={id} pdf={record.pdf} live={live} />}
      {id !== undefined && !author && (
        <form method="post" action={`/admin/publications/${id}/unpublish-at`} class="admin-form">
          <CsrfField view={view} />
          <label for="unpublishAt">Take down at (UTC)</label>
          <input
            id="unpublishAt"
            name="unpublishAt"
            type="datetime-local"
            value={toLocalUtc(jobs.find((j) => j.kind === 'unpublish')?.run_at)}
            aria-describedby="unpublish-help"
          />
          <p id="unpublish-help" class="admin-help">
            The piece leaves the public site at this time (it is archived). Leave empty and save to
            cancel.
          </p>
          <button type="submit">Save the take-down time</button>
        </form>
      )}
      {jobs.length > 0 && (
        <ul class="admin-help">
          {jobs.map((job) => (
            <li key={`${job.kind}-${job.run_at}`}>
              {JOB_LABELS[job.kind] ?? job.kind} at{' '}
              <time dateTime={job.run_at}>{job.run_at.slice(0, 16).replace('T', ' ')}</time> UTC
            </li>
          ))}
        </ul>
      )}
      {id !== undefined && !author && (
        <>
          <h2>Press previews</h2>
          <p class="admin-help">
            A link that shows this piece, marked as embargoed and hidden from search engines, to
            whoever holds it, until it expires or you revoke it. Every use is recorded.
          </p>
          {previews.length > 0 && (
            <table class="admin-table">
              <caption class="visually-hidden">Press preview links of this piece</caption>
              <thead>
                <tr>
                  <th scope="col">For</th>
                  <th scope="col">Made by</th>
                  <th scope="col">Expires (UTC)</th>
                  <th scope="col">Uses</th>
                  <th scope="col">Link</th>
                </tr>
              </thead>
              <tbody>
                {previews.map((p) => (
                  <tr key={p.id}>
                    <td>{p.note || '—'}</td>
                    <td>{p.createdBy}</td>
                    <td>{p.expiresAt.slice(0, 16).replace('T', ' ')}</td>
                    <td>
                      {p.uses}
                      {p.lastUsedAt ? ` (last ${p.lastUsedAt.slice(0, 16).replace('T', ' ')})` : ''}
                    </td>
                    <td>
                      {p.revokedAt ? (
                        'revoked'
                      ) : (
                        <form
                          method="post"
                          action={`/admin/publications/${id}/previews/${p.id}/revoke`}
                        >
                          <CsrfField view={view} />
                          <button type="submit">Revoke</button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <form method="post" action={`/admin/publications/${id}/previews`} class="admin-form">
            <CsrfField view={view} />
            <label for="preview-note">Who it is for</label>
            <input id="preview-note" name="note" maxLength={200} />
            <label for="preview-hours">Valid for (hours)</label>
            <input id="preview-hours" name="hours" type="number" min={1} max={336} value="48" />
            <button type="submit">Make a press preview link</button>
          </form>
        </>
      )}
      {revisions.length > 0 && id !== undefined && (
        <>
          <h2>Revisions</h2>
          <table class="admin-table">
            <caption class="visually-hidden">Every save of this piece, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Saved (UTC)</th>
                <th scope="col">By</th>
                <th scope="col">What</th>
                <th scope="col">Changes</th>
              </tr>
            </thead>
            <tbody>
              {revisions.map((r) => (
                <tr key={r.id}>
                  <td>{r.createdAt.slice(0, 19).replace('T', ' ')}</td>
                  <td>{r.userEmail}</td>
                  <td>
                    {r.kind}
                    {r.pending ? ' (pending)' : ''}
                  </td>
                  <td>
                    <a href={`/admin/publications/${id}/revisions/${r.id}`}>Compare and restore</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </AdminLayout>
  );
}

/** The piece's PDF (its "Download the PDF" link): upload, replace, remove. */
function PdfForms({
  view,
  id,
  pdf,
  live,
}: {
  view: AdminView;
  id: number;
  pdf: string | undefined;
  live: boolean;
}) {
  return (
    <>
      <form
        method="post"
        action={`/admin/publications/${id}/pdf`}
        enctype="multipart/form-data"
        class="admin-form"
      >
        <CsrfField view={view} />
        <h2>PDF</h2>
        {pdf ? (
          <p class="admin-help">
            Now: <a href={/^https?:/.test(pdf) ? pdf : uploadUrl(pdf)}>{pdf}</a>
          </p>
        ) : (
          <p class="admin-help">No PDF yet.</p>
        )}
        <label for="pdf-file">
          {pdf ? 'A new PDF in its place' : 'PDF file'} (up to{' '}
          {Math.round(MAX_PDF_BYTES / 1024 / 1024)} MB)
        </label>
        <input
          id="pdf-file"
          name="file"
          type="file"
          required
          accept="application/pdf,.pdf"
          aria-describedby="pdf-help"
        />
        <p id="pdf-help" class="admin-help">
          The page offers it as “Download the PDF”.
          {live && ' This piece is live: the change waits in the pending revision.'}
        </p>
        <button type="submit">Upload the PDF</button>
      </form>
      {pdf && (
        <form method="post" action={`/admin/publications/${id}/pdf/remove`} class="admin-form">
          <CsrfField view={view} />
          <button type="submit">Remove the PDF</button>
        </form>
      )}
    </>
  );
}

const JOB_LABELS: Record<string, string> = {
  publish: 'Goes live',
  unpublish: 'Taken down',
  'publish-revision': 'The pending revision replaces the live version',
};

/**
 * The time a live piece's pending revision goes out by itself (UTC, like every time on
 * this page), and its cancel button while one is set (even once the piece was taken down).
 */
function RevisionScheduleForms({
  view,
  id,
  pending,
  runAt,
  isInvalid,
}: {
  view: AdminView;
  id: number;
  pending: boolean;
  runAt: string | undefined;
  isInvalid: boolean;
}) {
  const action = `/admin/publications/${id}/publish-revision-at`;
  return (
    <>
      {pending && (
        <form method="post" action={action} class="admin-form">
          <CsrfField view={view} />
          <label for="publishRevisionAt">Publish this revision at (UTC)</label>
          <input
            id="publishRevisionAt"
            name="publishRevisionAt"
            type="datetime-local"
            value={toLocalUtc(runAt)}
            aria-invalid={isInvalid || undefined}
            aria-describedby={
              isInvalid ? 'form-error publish-revision-help' : 'publish-revision-help'
            }
          />
          <p id="publish-revision-help" class="admin-help">
            At this time the pending revision replaces the live version, as the Publish button
            would. Saving the revision again keeps the time: what is pending then goes out.
          </p>
          <button type="submit">Schedule the revision</button>
        </form>
      )}
      {runAt && (
        <form method="post" action={action} class="admin-form">
          <CsrfField view={view} />
          <input type="hidden" name="publishRevisionAt" value="" />
          <button type="submit">Cancel the scheduled revision</button>
        </form>
      )}
    </>
  );
}
