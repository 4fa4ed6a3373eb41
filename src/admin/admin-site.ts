import { join } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config/schema.ts';
import { createMailer, type Mailer } from '../email/mailer.ts';
import type { Clock } from '../lib/clock.ts';
import type { Database } from '../storage/database.ts';
import type { SiteDirectory } from '../web/site-directory.ts';
import { createAccounts } from './accounts/accounts.ts';
import { createCenterEditor } from './centers/center-editor.ts';
import { createBulkActions } from './content/bulk-actions.ts';
import { createPublicationEditor } from './content/publication-editor.ts';
import { createPartnerEditor } from './partners/partner-editor.ts';
import { createPersonEditor } from './people/person-editor.ts';
import { createPressPreviews } from './press/press-previews.ts';
import { createScheduler } from './scheduler/scheduler.ts';
import { createTermEditor } from './taxonomy/term-editor.ts';
import { registerAccountRoutes } from './web/account-routes.ts';
import { registerAdmin } from './web/admin-plugin.ts';
import { registerCenterRoutes } from './web/center-routes.ts';
import { registerContentRoutes } from './web/content-routes.ts';
import { registerNewsletterAdminRoutes } from './web/newsletter-routes.ts';
import { registerPartnerRoutes } from './web/partner-routes.ts';
import { registerPersonRoutes } from './web/person-routes.ts';
import { registerPickerRoutes } from './web/picker-routes.ts';
import { registerSessionRoutes } from './web/session-routes.ts';
import { registerTermRoutes } from './web/term-routes.ts';

/** The editors' admin under /admin: accounts and sessions for now (see docs/admin.md). */
export async function registerAdminSite(
  app: FastifyInstance,
  deps: {
    database: Database;
    config: Config;
    clock: Clock;
    directory: SiteDirectory;
    assetVersion: string;
  },
): Promise<void> {
  let mailer: Mailer | undefined;
  const accounts = createAccounts({
    db: deps.database.db,
    clock: deps.clock,
    mailer: () => {
      mailer ??= createMailer(deps.config);
      return mailer;
    },
  });
  app.addHook('onClose', async () => mailer?.close());
  await registerAdmin(
    app,
    {
      accounts,
      clock: deps.clock,
      assetVersion: deps.assetVersion,
      networkName: () => deps.directory.currentNetwork.name,
    },
    (admin, kit) => {
      const origin = (request: FastifyRequest) => linkOrigin(request, deps);
      registerSessionRoutes(admin, kit, origin);
      registerAccountRoutes(admin, kit, deps.database.db);
      registerPersonRoutes(
        admin,
        kit,
        deps.database.db,
        createPersonEditor({
          db: deps.database.db,
          clock: deps.clock,
          uploadsDir: join(deps.config.data.dir, 'uploads'),
          audit: accounts.audit,
        }),
      );
      registerTermRoutes(
        admin,
        kit,
        createTermEditor({
          db: deps.database.db,
          clock: deps.clock,
          uploadsDir: join(deps.config.data.dir, 'uploads'),
          audit: accounts.audit,
        }),
      );
      registerCenterRoutes(
        admin,
        kit,
        createCenterEditor({
          db: deps.database.db,
          clock: deps.clock,
          uploadsDir: join(deps.config.data.dir, 'uploads'),
          audit: accounts.audit,
          onChange: () => deps.directory.reload(),
        }),
        join(deps.config.data.dir, 'uploads'),
      );
      registerPartnerRoutes(
        admin,
        kit,
        createPartnerEditor({
          db: deps.database.db,
          clock: deps.clock,
          uploadsDir: join(deps.config.data.dir, 'uploads'),
          audit: accounts.audit,
        }),
      );
      registerNewsletterAdminRoutes(admin, kit, {
        db: deps.database.db,
        clock: deps.clock,
        config: deps.config,
      });
      const publicationEditor = createPublicationEditor({
        db: deps.database.db,
        clock: deps.clock,
        uploadsDir: join(deps.config.data.dir, 'uploads'),
        audit: accounts.audit,
        scheduler: createScheduler({
          db: deps.database.db,
          dialect: deps.database.dialect,
          clock: deps.clock,
          uploadsDir: join(deps.config.data.dir, 'uploads'),
        }),
      });
      registerContentRoutes(
        admin,
        kit,
        deps.database.db,
        publicationEditor,
        { previews: createPressPreviews({ db: deps.database.db, clock: deps.clock }), origin },
        join(deps.config.data.dir, 'uploads'),
        createBulkActions({ db: deps.database.db, clock: deps.clock, editor: publicationEditor }),
      );
      registerPickerRoutes(admin, deps.database.db);
    },
  );
}

/**
 * Where links we hand out (reset links, press previews) point: see ResetOrigin in
 * session-routes.ts. Never the Host header as an unknown stranger sent it.
 */
function linkOrigin(
  request: FastifyRequest,
  deps: { config: Config; directory: SiteDirectory },
): string | undefined {
  const publicUrl = deps.config.server.publicUrl;
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  const host = request.host.toLowerCase();
  const center = deps.directory.contextOf(request.raw)?.center;
  const known = center?.host === host || /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host);
  return known ? `${request.protocol}://${host}` : undefined;
}
