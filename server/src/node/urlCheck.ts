// Whether a URL is reachable: HEAD, then GET when HEAD is refused; redirects followed one by one (so that each is
// seen, reported and checked against robots.txt); only 404 and 410 count as dead.
import type { Hop, VerifyResult } from '../verify/report';
import { AbortedError, TimeoutError, type PoliteClient } from './politeClient';

const MAX_REDIRECTS = 10;
const PERMANENT = new Set([301, 308]);
const REDIRECT = new Set([301, 302, 303, 307, 308]);

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  410: 'Gone',
  429: 'Too Many Requests',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
export const statusText = (n: number) => `${n}${STATUS_TEXT[n] ? ` ${STATUS_TEXT[n]}` : ''}`;

function networkReason(e: unknown): string {
  if (e instanceof TimeoutError) return e.message;
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === 'ENOTFOUND') return 'host not found (DNS)';
  if (cause?.code === 'ECONNREFUSED') return 'connection refused';
  return `network error (${cause?.code ?? cause?.message ?? (e as Error).message})`;
}

/** The address after the leading run of permanent redirects: where the page lives now. */
function movedTarget(hops: Hop[], next: string[]): string | undefined {
  let to: string | undefined;
  for (let i = 0; i < hops.length && PERMANENT.has(hops[i].status); i++) to = next[i];
  return to;
}

export async function checkUrl(url: string, client: PoliteClient, now: () => Date = () => new Date()): Promise<VerifyResult> {
  const base = { kind: 'url' as const, target: url };
  const done = (r: Omit<VerifyResult, 'kind' | 'target' | 'checkedAt'>): VerifyResult => ({ ...base, checkedAt: now().toISOString(), ...r });
  const hops: Hop[] = [];
  const next: string[] = [];
  let current = url;
  let method: 'HEAD' | 'GET' = 'HEAD';
  let headFailure: string | undefined;
  for (;;) {
    let parsed: URL;
    try {
      parsed = new URL(current);
    } catch {
      return done({ status: 'unknown', reason: `not a URL kart can fetch: ${current}`, redirects: hops.length ? hops : undefined });
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      return done({ status: 'unknown', reason: `redirected to a ${parsed.protocol} address kart does not follow`, redirects: hops, finalUrl: current });
    }
    const allowed = await client.allowed(current);
    if (allowed !== true) return done({ status: 'unknown', reason: allowed, redirects: hops.length ? hops : undefined, finalUrl: hops.length ? current : undefined });
    let res: Response;
    try {
      res = await client.request(current, { method, redirect: 'manual', headers: { Accept: 'text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8' } });
    } catch (e) {
      if (e instanceof AbortedError) throw e;
      // A HEAD the server drops (a reset, a refusal) may still answer a GET; a timeout would only time out again.
      if (method === 'HEAD' && !(e instanceof TimeoutError)) {
        headFailure = networkReason(e);
        method = 'GET';
        continue;
      }
      return done({ status: 'unknown', reason: networkReason(e), method, redirects: hops.length ? hops : undefined });
    }
    await res.body?.cancel().catch(() => undefined);
    const status = res.status;
    const location = res.headers.get('location');
    if (REDIRECT.has(status) && location) {
      if (hops.length >= MAX_REDIRECTS) return done({ status: 'unknown', reason: `more than ${MAX_REDIRECTS} redirects`, redirects: hops, method });
      let target: string;
      try {
        target = new URL(location, current).href;
      } catch {
        return done({ status: 'unknown', reason: `a redirect to an invalid address (${location})`, redirects: hops, method });
      }
      hops.push({ url: current, status });
      next.push(target);
      current = target;
      continue;
    }
    // HEAD refused or unloved (405, 501, 403, 400, even 404 from some servers): GET says what the page really is.
    if (method === 'HEAD' && status >= 400 && status !== 429) {
      headFailure = `HEAD answered ${statusText(status)}`;
      method = 'GET';
      continue;
    }
    const extra = {
      httpStatus: status,
      method,
      redirects: hops.length ? hops : undefined,
      finalUrl: hops.length ? current : undefined,
    };
    if (status >= 200 && status < 300) {
      const moved = movedTarget(hops, next);
      return done({ status: 'ok', ...extra, movedTo: moved, reason: headFailure ? `GET after ${headFailure}` : undefined });
    }
    if (status === 404 || status === 410) {
      return done({ status: 'dead', ...extra, reason: hops.length ? `${statusText(status)} after a redirect to ${current}` : statusText(status) });
    }
    const why = status === 429 ? 'the site asks kart to slow down' : status >= 500 ? 'a server error' : 'the site refuses the check';
    return done({ status: 'unknown', ...extra, reason: `${statusText(status)} (${why})` });
  }
}
