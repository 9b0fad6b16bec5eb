// robots.txt as RFC 9309 reads it: the group naming our product token (else the `*` group), its allow and
// disallow rules with `*` and `$`, the longest match deciding and allow winning a tie.

export interface RobotsRule {
  allow: boolean;
  pattern: string;
}

export interface Robots {
  rules: RobotsRule[];
  /** Crawl-delay of the group, in seconds, when it gives one (not in the RFC, but widely written). */
  crawlDelay?: number;
}

export const ALLOW_ALL: Robots = { rules: [] };
export const DISALLOW_ALL: Robots = { rules: [{ allow: false, pattern: '/' }] };

/** The rules of robots.txt that apply to the agent whose product token is `agent` (e.g. `kart`). */
export function parseRobots(text: string, agent: string): Robots {
  const token = agent.toLowerCase();
  interface Group {
    agents: string[];
    rules: RobotsRule[];
    crawlDelay?: number;
  }
  const groups: Group[] = [];
  let current: Group | undefined;
  let lastWasAgent = false;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'user-agent') {
      // Consecutive user-agent lines share one group.
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current) continue;
    if (key === 'allow' || key === 'disallow') {
      // An empty disallow allows everything: it adds no rule.
      if (value !== '') current.rules.push({ allow: key === 'allow', pattern: value });
    } else if (key === 'crawl-delay') {
      const n = Number(value);
      if (Number.isFinite(n) && n >= 0) current.crawlDelay = n;
    }
  }
  const own = groups.filter((g) => g.agents.some((a) => a === token));
  const chosen = own.length ? own : groups.filter((g) => g.agents.includes('*'));
  const delays = chosen.flatMap((g) => (g.crawlDelay === undefined ? [] : [g.crawlDelay]));
  return { rules: chosen.flatMap((g) => g.rules), crawlDelay: delays.length ? Math.max(...delays) : undefined };
}

/** How long a pattern's match is, or -1: `*` matches any run, a final `$` anchors the end. */
function matchLength(pattern: string, path: string): number {
  const anchored = pattern.endsWith('$');
  const parts = (anchored ? pattern.slice(0, -1) : pattern).split('*');
  if (!path.startsWith(parts[0])) return -1;
  let at = parts[0].length;
  for (let i = 1; i < parts.length; i++) {
    const found = i === parts.length - 1 && anchored ? path.lastIndexOf(parts[i]) : path.indexOf(parts[i], at);
    if (found < at) return -1;
    at = found + parts[i].length;
  }
  if (anchored && at !== path.length) return -1;
  return pattern.length;
}

/** Percent-encoding written either way matches: both sides are compared decoded where that is possible. */
function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Whether the path (with its query) may be fetched. */
export function isAllowed(robots: Robots, pathAndQuery: string): boolean {
  const path = decoded(pathAndQuery);
  let best = -1;
  let allow = true;
  for (const r of robots.rules) {
    const n = matchLength(decoded(r.pattern), path);
    if (n > best || (n === best && r.allow)) {
      if (n < 0) continue;
      best = n;
      allow = r.allow;
    }
  }
  return allow;
}
