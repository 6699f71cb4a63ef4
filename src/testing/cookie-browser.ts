/** A minimal browser for HTTP tests: a cookie jar per host, redirects followed by hand, optional URL rewriting. */

export interface BrowserOptions {
  /** Maps a URL before it is requested (e.g. SITE_URL links onto the test server). */
  rewrite?: (url: URL) => URL;
  /** Headers sent with every request (e.g. X-Forwarded-For). */
  headers?: Record<string, string>;
}

export class CookieBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  constructor(private readonly opts: BrowserOptions = {}) {}

  /** The value of a cookie held for a host (`127.0.0.1:1234`). */
  cookie(host: string, name: string): string | undefined {
    return this.jars.get(host)?.get(name);
  }

  /** One request, cookies sent and stored, no redirect followed. */
  async request(target: string, init: RequestInit = {}): Promise<Response> {
    const url = this.opts.rewrite ? this.opts.rewrite(new URL(target)) : new URL(target);
    const jar = this.jars.get(url.host) ?? new Map<string, string>();
    this.jars.set(url.host, jar);
    const headers = new Headers({ ...this.opts.headers, ...(init.headers as Record<string, string> | undefined) });
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const [name, value] = [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()];
      if (value === '' || attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || attrs.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a))) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }

  /** Requests and follows redirects (303 and 302 become GETs), returning the last answer and its URL. */
  async follow(target: string, init: RequestInit = {}, max = 15): Promise<{ res: Response; url: string }> {
    let url = target;
    let res = await this.request(url, init);
    for (let i = 0; i < max && res.status >= 300 && res.status < 400 && res.headers.get('location'); i++) {
      url = new URL(res.headers.get('location')!, url).href;
      await res.body?.cancel();
      res = await this.request(url);
    }
    return { res, url: this.opts.rewrite ? this.opts.rewrite(new URL(url)).href : url };
  }

  /** POSTs a form from the page at `origin` (so the server's same-origin check passes). */
  postForm(target: string, fields: Record<string, string>, origin: string): Promise<Response> {
    return this.request(target, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin }, body: new URLSearchParams(fields).toString() });
  }
}
