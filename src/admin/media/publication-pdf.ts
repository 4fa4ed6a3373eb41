import type { User } from '../accounts/user-store.ts';
import type { PublicationEditor } from '../content/publication-editor.ts';
import { discardUpload } from './upload-form.ts';
import { storeUpload } from './uploads.ts';

/*
 * A publication's PDF (the "Download the PDF" link of its page), attached, replaced or
 * removed in the admin. The file is judged by its first bytes and size (uploads.ts) and
 * stored under a name of ours; the piece then changes through the editor's ordinary save,
 * so a live piece gets the change as a pending revision, exactly as a new lead image does.
 * A replaced or removed PDF's file stays: an older revision may still name it.
 */
export function createPublicationPdfs(deps: { editor: PublicationEditor; uploadsDir: string }) {
  const { editor, uploadsDir } = deps;
  return {
    async attach(id: number, user: User, upload: { filename: string; bytes: Buffer }) {
      const { record, live } = await editor.state(id, user);
      const stored = await storeUpload(uploadsDir, { ...upload, now: new Date() }, 'pdf');
      try {
        await editor.save(id, user, { ...record, pdf: stored.path });
      } catch (error) {
        await discardUpload(uploadsDir, stored);
        throw error;
      }
      await editor.audit({
        user,
        action: record.pdf === undefined ? 'publication.pdf-attach' : 'publication.pdf-replace',
        id,
        detail: { path: stored.path, uploadedAs: upload.filename, pending: live },
      });
    },

    /** Takes the PDF off the piece; a piece without one is left as it is. */
    async remove(id: number, user: User) {
      const { record, live } = await editor.state(id, user);
      if (record.pdf === undefined) return;
      await editor.save(id, user, { ...record, pdf: undefined });
      await editor.audit({
        user,
        action: 'publication.pdf-remove',
        id,
        detail: { path: record.pdf, pending: live },
      });
    },
  };
}
