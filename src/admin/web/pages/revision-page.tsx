import type { FieldDiff } from '../../content/revision-diff.ts';
import { AdminLayout, CsrfField } from '../admin-layout.tsx';
import type { AdminView } from '../admin-view.ts';

/** One revision against the version the editor form shows now, field by field. */
export function RevisionPage({
  view,
  id,
  revisionId,
  diffs,
}: {
  view: AdminView;
  id: number;
  revisionId: number;
  diffs: FieldDiff[];
}) {
  return (
    <AdminLayout view={view} title={`Revision ${revisionId}`}>
      <p>
        <a href={`/admin/publications/${id}`}>Back to the piece</a>
      </p>
      {diffs.length === 0 ? (
        <p>This revision is the same as the current version.</p>
      ) : (
        diffs.map((diff) => (
          <section key={diff.field} class="admin-diff">
            <h2>{diff.label}</h2>
            <p class="admin-help">
              <del>Struck through</del>: in the current version only. <ins>Underlined</ins>: in this
              revision only.
            </p>
            <pre>
              {diff.parts.map((part, i) =>
                part.added ? (
                  <ins key={i}>{part.value}</ins>
                ) : part.removed ? (
                  <del key={i}>{part.value}</del>
                ) : (
                  <span key={i}>{part.value}</span>
                ),
              )}
            </pre>
          </section>
        ))
      )}
      <form
        method="post"
        action={`/admin/publications/${id}/revisions/${revisionId}/restore`}
        class="admin-form"
      >
        <CsrfField view={view} />
        <button type="submit">Restore this revision</button>
      </form>
    </AdminLayout>
  );
}
