// The one way `kart verify` goes online: a global request rate, a per-host concurrency limit, a User-Agent naming
// the tool, a timeout per request, bounded retries with backoff on 429 and 503 (honouring Retry-After), and
// robots.txt read once per origin and obeyed. Every request counts against the rate, robots.txt included.
import { ALLOW_ALL, DISALLOW_ALL, isAllowed, parseRobots, type Robots } from '../verify/robots';

export interface PoliteOptions {
  /** Requests a second over all hosts (AnchorFact's verifier: 5). */
  rate: number;
  /** Requests at once to one host. */
  perHost: number;
  /** Milliseconds one request may take (AnchorFact's: 8000). */
  timeoutMs: number;
  /** Retries after a 429 or 503 answer. */
  retries: number;
  /** The longest Retry-After kart waits for, in milliseconds; a longer one gives up ("could not verify"). */
  maxRetryAfterMs: number;
  userAgent: string;
  /** The product token robots.txt groups are matched against. */
  robotsAgent: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

export class TimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`timed out after ${ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`}`);
    this.name = 'TimeoutError';
  }
}

export class AbortedError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'AbortError';
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortedError());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new AbortedError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Seconds or an HTTP date, as milliseconds from now; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}
  async acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

export class PoliteClient {
  private nextSlot = 0;
  private readonly hosts = new Map<string, Semaphore>();
  private readonly robots = new Map<string, Promise<Robots | Error>>();
  private readonly doFetch: typeof fetch;
  /** Requests sent, robots.txt included: what the tests and the summary count. */
  requests = 0;

  constructor(readonly options: PoliteOptions) {
    this.doFetch = options.fetch ?? fetch;
  }

  /** Waits for the next slot of the global rate: slots are handed out in order, 1/rate seconds apart. */
  private async rateSlot(): Promise<void> {
    const interval = 1000 / Math.max(0.001, this.options.rate);
    const now = Date.now();
    const at = Math.max(now, this.nextSlot);
    this.nextSlot = at + interval;
    if (at > now) await sleep(at - now, this.options.signal);
  }

  private host(url: string): Semaphore {
    const key = new URL(url).host.toLowerCase();
    let s = this.hosts.get(key);
    if (!s) this.hosts.set(key, (s = new Semaphore(Math.max(1, this.options.perHost))));
    return s;
  }

  /** One request, no retry: the host's slot, the rate's slot, the timeout. The body is the caller's to read or cancel. */
  private async once(url: string, init: RequestInit): Promise<Response> {
    const host = this.host(url);
    await host.acquire();
    try {
      await this.rateSlot();
      const controller = new AbortController();
      const outer = this.options.signal;
      const onAbort = () => controller.abort();
      outer?.addEventListener('abort', onAbort, { once: true });
      if (outer?.aborted) throw new AbortedError();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, this.options.timeoutMs);
      this.requests++;
      try {
        const headers = new Headers(init.headers);
        if (!headers.has('user-agent')) headers.set('User-Agent', this.options.userAgent);
        const res = await this.doFetch(url, { ...init, headers, signal: controller.signal });
        // The timeout covers the answer's head; a body read later is bounded by the caller.
        return res;
      } catch (e) {
        if (timedOut) throw new TimeoutError(this.options.timeoutMs);
        if (outer?.aborted) throw new AbortedError();
        throw e;
      } finally {
        clearTimeout(timer);
        outer?.removeEventListener('abort', onAbort);
      }
    } finally {
      host.release();
    }
  }

  /**
   * A request with retries: after a 429 or 503 kart waits Retry-After (or 1 s, 2 s, 4 s… when it gives none) and
   * asks again, at most `retries` times; the last answer is returned whatever it is.
   */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const res = await this.once(url, init);
      if ((res.status !== 429 && res.status !== 503) || attempt >= this.options.retries) return res;
      const wait = retryAfterMs(res.headers.get('retry-after')) ?? 1000 * 2 ** attempt;
      if (wait > this.options.maxRetryAfterMs) return res;
      await res.body?.cancel().catch(() => undefined);
      await sleep(wait, this.options.signal);
    }
  }

  /** A fetch function through this client, for the metadata clients. */
  readonly fetch: typeof fetch = ((input: string | URL | Request, init?: RequestInit) => this.request(String(input instanceof Request ? input.url : input), init)) as typeof fetch;

  /** The robots.txt rules of the URL's origin, read once per run; an Error when they cannot be read (5xx, network). */
  private robotsOf(url: URL): Promise<Robots | Error> {
    const origin = url.origin;
    let p = this.robots.get(origin);
    if (!p) {
      p = (async () => {
        try {
          const res = await this.request(`${origin}/robots.txt`, { method: 'GET', redirect: 'follow', headers: { Accept: 'text/plain' } });
          // RFC 9309: 4xx means no rules; 5xx means assume everything is disallowed.
          if (res.status >= 200 && res.status < 300) return parseRobots(await res.text(), this.options.robotsAgent);
          await res.body?.cancel().catch(() => undefined);
          if (res.status >= 400 && res.status < 500) return ALLOW_ALL;
          return new Error(`robots.txt of ${url.host} answered ${res.status}`);
        } catch (e) {
          if (e instanceof AbortedError) throw e;
          return new Error(`robots.txt of ${url.host}: ${(e as Error).message}`);
        }
      })();
      this.robots.set(origin, p);
    }
    return p;
  }

  /** Whether robots.txt lets kart fetch the URL: true, or why not. */
  async allowed(url: string): Promise<true | string> {
    const u = new URL(url);
    const robots = await this.robotsOf(u);
    if (robots instanceof Error) return `${robots.message}, so kart does not fetch from ${u.host}`;
    if (robots === DISALLOW_ALL || !isAllowed(robots, u.pathname + u.search)) return `robots.txt of ${u.host} disallows ${this.options.robotsAgent}`;
    return true;
  }
}
