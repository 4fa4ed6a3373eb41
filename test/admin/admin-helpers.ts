import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createAccounts } from '../../src/admin/accounts/accounts.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createMailer } from '../../src/email/mailer.ts';
import type { TestSite } from '../helpers/site.ts';

/*
 * Driving the admin as a browser would, through inject(): a cookie jar, and forms read
 * back from the page (their CSRF token) before they are sent.
 */

export class AdminBrowser {
  readonly cookies = new Map<string, string>();

  private readonly app: () => FastifyInstance;
  private readonly headers: Record<string, string>;

  constructor(app: () => FastifyInstance, headers: Record<string, string> = {}) {
    this.app = app;
    this.headers = headers;
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private remember(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies as {
      name: string;
      value: string;
      maxAge?: number;
      expires?: Date;
    }[]) {
      const cleared =
        cookie.value === '' ||
        cookie.maxAge === 0 ||
        (cookie.expires && cookie.expires.getTime() < Date.now());
      if (cleared) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.app().inject({
      method: 'GET',
      url,
      headers: { ...this.headers, cookie: this.cookieHeader, ...headers },
    });
    this.remember(response);
    return response;
  }

  async post(
    url: string,
    form: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const response = await this.app().inject({
      method: 'POST',
      url,
      payload: new URLSearchParams(form).toString(),
      headers: {
        ...this.headers,
        'content-type': 'application/x-www-form-urlencoded',
        cookie: this.cookieHeader,
        ...headers,
      },
    });
    this.remember(response);
    return response;
  }

  /** Sends a multipart form with one file (an upload), as a browser would. */
  async postFile(
    url: string,
    fields: Record<string, string>,
    file: { name: string; bytes: Buffer; type: string },
  ): Promise<LightMyRequestResponse> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
    const encoded = new Response(form);
    const response = await this.app().inject({
      method: 'POST',
      url,
      payload: Buffer.from(await encoded.arrayBuffer()),
      headers: {
        ...this.headers,
        'content-type': encoded.headers.get('content-type') ?? '',
        cookie: this.cookieHeader,
      },
    });
    this.remember(response);
    return response;
  }

  /** Opens `page`, then sends its form to `action` with the page's CSRF token added. */
  async submit(
    page: string,
    action: string,
    form: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const opened = await this.get(page);
    expect(opened.statusCode, `${page} should open`).toBe(200);
    return this.post(action, { ...form, _csrf: csrfOf(opened.body) }, headers);
  }

  async signIn(email: string, password: string): Promise<LightMyRequestResponse> {
    return this.submit('/admin/login', '/admin/login', { email, password });
  }
}

export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('the page has no CSRF field');
  return match[1];
}

/** The one password of every test account. */
export const PASSWORD = 'correct horse battery staple';

/** The accounts service on a test site's database (reset links go to its outbox folder). */
export function accountsOf(site: TestSite) {
  return createAccounts({
    db: site.database.db,
    clock: site.clock,
    mailer: () => createMailer(loadConfig({ DOSSIER_DATA_DIR: site.dataDir })),
  });
}

/** An editor, and an author whose byline is baseWorld's Alice Archer (alice@example.org). */
export async function addEditorAndAuthor(site: TestSite, editorEmail = 'editor@example.org') {
  const accounts = accountsOf(site);
  const alice = await site.database.db
    .selectFrom('people')
    .select('id')
    .where('slug', '=', 'alice-archer')
    .executeTakeFirstOrThrow();
  await accounts.createUser({ email: editorEmail, name: 'Ed', role: 'editor', password: PASSWORD });
  await accounts.createUser({
    email: 'alice@example.org',
    name: 'Alice',
    role: 'author',
    password: PASSWORD,
    personId: alice.id,
  });
  return accounts;
}

/** A publication's id by its slug (it must exist). */
export async function publicationIdOf(site: TestSite, slug: string): Promise<number> {
  const row = await site.database.db
    .selectFrom('publications')
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow();
  return row.id;
}
