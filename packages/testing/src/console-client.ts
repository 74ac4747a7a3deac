import type { HttpApp } from './test-app';

/**
 * The hidden form-token field every form of the admin console carries. The server names it
 * in its own CSRF check; every console test signs in through this client, so the two cannot
 * part without those tests failing.
 */
export const CSRF_FIELD = '_csrf';

/** Form fields by name; a list sends its name once per value, as checkboxes sharing it do. */
export type FormFields = Record<string, string | readonly string[]>;

/** A browser stand-in for the console's tests: keeps cookies, reads and sends form tokens. */
export class ConsoleClient {
  readonly #app: HttpApp['app'];
  readonly #cookies = new Map<string, string>();
  readonly #headers: Readonly<Record<string, string>>;

  constructor(app: HttpApp['app'], headers: Readonly<Record<string, string>> = {}) {
    this.#app = app;
    this.#headers = headers;
  }

  cookie(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.#send(path, { method: 'GET', headers });
  }

  async post(path: string, fields: FormFields): Promise<Response> {
    const pairs = Object.entries(fields).flatMap(([name, value]) =>
      (typeof value === 'string' ? [value] : value).map((each): [string, string] => [name, each]),
    );
    return this.#send(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: originOf(path) },
      body: new URLSearchParams(pairs).toString(),
    });
  }

  /** Posts a form with files (multipart/form-data), as a browser uploads one. */
  async upload(path: string, form: FormData): Promise<Response> {
    return this.#send(path, { method: 'POST', headers: { origin: originOf(path) }, body: form });
  }

  /** Posts a form the way a browser would: with the token from the page it is on. */
  async submit(pagePath: string, action: string, fields: FormFields) {
    const token = csrfOf(await (await this.get(pagePath)).text());
    return this.post(action, { [CSRF_FIELD]: token, ...fields });
  }

  async signIn(key: string): Promise<Response> {
    const token = csrfOf(await (await this.get('/admin/sign-in')).text());
    return this.post('/admin/sign-in', { [CSRF_FIELD]: token, key });
  }

  async #send(path: string, init: RequestInit): Promise<Response> {
    const cookie = [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const res = await this.#app.request(path, {
      ...init,
      headers: {
        ...this.#headers,
        ...(init.headers as Record<string, string>),
        ...(cookie === '' ? {} : { cookie }),
      },
    });
    for (const header of res.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (/max-age=0/i.test(header)) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
    return res;
  }
}

/**
 * The origin a browser sends with a form posted from the console's own pages: the address's,
 * or the one `app.request` gives a bare path.
 */
export function originOf(path: string): string {
  return new URL(path, 'http://localhost').origin;
}

/** The form token on a console page. */
export function csrfOf(html: string): string {
  const match = new RegExp(`name="${CSRF_FIELD}" value="([^"]+)"`).exec(html);
  if (match === null) throw new Error('no form token on the page');
  return match[1] as string;
}
