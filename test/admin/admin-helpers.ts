import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

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
