import type { DigestModel } from '../../../newsletter/digests/digest-content.ts';
import type { Issue } from '../../../newsletter/digests/issue-repository.ts';
import type { NewsletterList } from '../../../newsletter/list-repository.ts';
import { toLocalUtc } from '../../content/editor-form.ts';
import { AdminLayout, CsrfField, FormError, Notice } from '../admin-layout.tsx';
import type { AdminView } from '../admin-view.ts';

export interface ListRow {
  list: NewsletterList;
  active: number;
  pending: number;
}

export function NewslettersPage({
  view,
  lists,
  issues,
  error,
}: {
  view: AdminView;
  lists: ListRow[];
  issues: (Issue & { listName: string })[];
  error?: string | undefined;
}) {
  return (
    <AdminLayout view={view} title="Newsletters">
      <FormError message={error} />
      <h2>Lists</h2>
      <table class="admin-table">
        <caption class="visually-hidden">Newsletter lists and their subscribers</caption>
        <thead>
          <tr>
            <th scope="col">List</th>
            <th scope="col">Center</th>
            <th scope="col">Language</th>
            <th scope="col">Cadence</th>
            <th scope="col">Subscribers</th>
            <th scope="col">Awaiting confirmation</th>
          </tr>
        </thead>
        <tbody>
          {lists.map(({ list, active, pending }) => (
            <tr key={list.id}>
              <td>
                {list.name} <span class="admin-help">({list.slug})</span>
              </td>
              <td>{list.centerName}</td>
              <td>{list.language}</td>
              <td>{list.cadence}</td>
              <td>{active}</td>
              <td>{pending}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="post" action="/admin/newsletters/issues" class="admin-form">
        <CsrfField view={view} />
        <label for="list">Draft an issue for</label>
        <select id="list" name="list">
          {lists.map(({ list }) => (
            <option key={list.slug} value={list.slug}>
              {list.name}
            </option>
          ))}
        </select>
        <p class="admin-help">
          The draft holds what went live in the list since its previous issue; you can then reorder,
          remove and add pieces and write an introduction.
        </p>
        <button type="submit">Draft the issue</button>
      </form>
      <h2>Issues</h2>
      {issues.length === 0 ? (
        <p>No issues yet.</p>
      ) : (
        <table class="admin-table">
          <caption class="visually-hidden">Newsletter issues, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Subject</th>
              <th scope="col">List</th>
              <th scope="col">Status</th>
              <th scope="col">Pieces</th>
              <th scope="col">Scheduled (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {issues.map((issue) => (
              <tr key={issue.id}>
                <td>
                  <a href={`/admin/newsletters/issues/${issue.id}`}>{issue.subject}</a>
                </td>
                <td>{issue.listName}</td>
                <td>{issue.status}</td>
                <td>{issue.publicationIds.length}</td>
                <td>
                  {issue.scheduledFor ? issue.scheduledFor.slice(0, 16).replace('T', ' ') : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}

export function IssuePage({
  view,
  model,
  error,
  notice,
}: {
  view: AdminView;
  model: DigestModel;
  error?: string | undefined;
  notice?: string | undefined;
}) {
  const { issue } = model;
  const locked = issue.status === 'sending' || issue.status === 'sent';
  const base = `/admin/newsletters/issues/${issue.id}`;
  return (
    <AdminLayout view={view} title={`Issue: ${issue.subject}`}>
      <Notice message={notice} />
      <FormError message={error} />
      <p>
        {model.list.name} · {issue.status}
        {issue.scheduledFor ? ` for ${issue.scheduledFor.slice(0, 16).replace('T', ' ')} UTC` : ''}{' '}
        · <a href={`${base}/preview.html`}>Preview (HTML)</a> ·{' '}
        <a href={`${base}/preview.txt`}>Preview (plain text)</a>
      </p>
      {locked ? (
        <p class="admin-help">This issue is {issue.status}: it can no longer change.</p>
      ) : (
        <form method="post" action={`${base}/text`} class="admin-form admin-form--wide">
          <CsrfField view={view} />
          <label for="subject">Subject</label>
          <input id="subject" name="subject" required maxLength={200} value={issue.subject} />
          <label for="intro">Introduction (Markdown)</label>
          <textarea id="intro" name="intro" rows={6}>
            {issue.introMarkdown}
          </textarea>
          <button type="submit">Save subject and introduction</button>
        </form>
      )}
      <h2>Pieces</h2>
      {model.droppedIds.length > 0 && (
        <p class="admin-help">
          {model.droppedIds.length} piece(s) of this issue are no longer live and are left out.
        </p>
      )}
      <ol class="admin-pieces">
        {model.items.map((item, i) => (
          <li key={item.id}>
            <strong>{item.title}</strong> <span class="admin-help">({item.slug})</span>
            {!locked && (
              <span class="admin-piece-actions">
                {i > 0 && (
                  <PieceButton
                    view={view}
                    action={`${base}/pieces/move`}
                    slug={item.slug}
                    position={i - 1}
                    label={`Move “${item.title}” up`}
                    text="Up"
                  />
                )}
                {i < model.items.length - 1 && (
                  <PieceButton
                    view={view}
                    action={`${base}/pieces/move`}
                    slug={item.slug}
                    position={i + 1}
                    label={`Move “${item.title}” down`}
                    text="Down"
                  />
                )}
                <PieceButton
                  view={view}
                  action={`${base}/pieces/remove`}
                  slug={item.slug}
                  label={`Remove “${item.title}”`}
                  text="Remove"
                />
              </span>
            )}
          </li>
        ))}
      </ol>
      {!locked && (
        <>
          <form method="post" action={`${base}/pieces/add`} class="admin-form">
            <CsrfField view={view} />
            <label for="add-slug">Add a published piece (its address name)</label>
            <input id="add-slug" name="slug" required maxLength={200} />
            <button type="submit">Add the piece</button>
          </form>
          <form method="post" action={`${base}/schedule`} class="admin-form">
            <CsrfField view={view} />
            <label for="at">Send at (UTC)</label>
            <input
              id="at"
              name="at"
              type="datetime-local"
              value={toLocalUtc(issue.scheduledFor ?? undefined)}
            />
            <p class="admin-help">
              Leave empty and save to unschedule. A scheduled issue goes out within a minute of its
              time.
            </p>
            <button type="submit">Save the sending time</button>
          </form>
          <form method="post" action={`${base}/test`} class="admin-form">
            <CsrfField view={view} />
            <label for="to">Send a test to</label>
            <input id="to" name="to" type="email" required maxLength={254} />
            <button type="submit">Send the test</button>
          </form>
        </>
      )}
    </AdminLayout>
  );
}

function PieceButton({
  view,
  action,
  slug,
  position,
  label,
  text,
}: {
  view: AdminView;
  action: string;
  slug: string;
  position?: number;
  label: string;
  text: string;
}) {
  return (
    <form method="post" action={action} class="admin-inline-form">
      <CsrfField view={view} />
      <input type="hidden" name="slug" value={slug} />
      {position !== undefined && <input type="hidden" name="position" value={String(position)} />}
      <button type="submit" aria-label={label}>
        {text}
      </button>
    </form>
  );
}
