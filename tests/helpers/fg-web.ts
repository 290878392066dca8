/** An FG's browser, reduced to what the tests need: a cookie jar, the CSRF token from pages, forms. */
export class FgClient {
  cookies = new Map<string, string>();
  /** `headers` go with every request (a test's X-Forwarded-For: another address behind the proxy). */
  constructor(readonly base: string, readonly slug: string, readonly headers: Record<string, string> = {}) {}

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=');
      if (!name) continue;
      if (!value || /Max-Age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(path: string): Promise<{ status: number; html: string; location: string | null }> {
    const response = await fetch(`${this.base}/b/${this.slug}/fg/${path}`, { headers: { ...this.headers, cookie: this.cookieHeader() }, redirect: 'manual' });
    this.remember(response);
    return { status: response.status, html: await response.text(), location: response.headers.get('location') };
  }

  /** The CSRF token of the page at `path`. */
  async csrf(path = ''): Promise<string> {
    const { html } = await this.get(path);
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!token) throw new Error(`no CSRF token on ${path}`);
    return token;
  }

  async post(path: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<{ status: number; html: string; location: string | null }> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const value of Array.isArray(v) ? v : [v]) body.append(k, value);
    const response = await fetch(`${this.base}/b/${this.slug}/fg/${path}`, { method: 'POST', headers: { ...this.headers, 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader(), ...headers }, body, redirect: 'manual' });
    this.remember(response);
    return { status: response.status, html: await response.text(), location: response.headers.get('location') };
  }

  async login(email: string, password: string): Promise<{ status: number; html: string; location: string | null }> {
    const csrf = await this.csrf('login');
    return this.post('login', { _csrf: csrf, email, password });
  }
}
