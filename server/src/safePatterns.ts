/**
 * The patterns a configuration brings (factIdPattern, an extra schema's `pattern`s, the include and exclude globs),
 * run by a linear-time engine (RE2, through re2js). JavaScript's own RegExp backtracks: `^(a+)+$` on a 28-character
 * id took 8 s, `*a*a*a*a*a*a*a*a*b` on one file name minutes. A repository's kart.config.json must not be able to
 * hang the person who checks it. What RE2 cannot run (lookaround, back-references) is a clear configuration error.
 */
import { RE2JS } from 're2js';

/** What the rules ask of a pattern: `test` finds a match anywhere, as `RegExp.prototype.test` does. */
export interface LinearPattern {
  readonly source: string;
  test(s: string): boolean;
}

export class PatternError extends Error {}

function why(e: unknown): string {
  return String((e as Error)?.message ?? e).replace(/^error parsing regexp: /, '');
}

/** A JavaScript regular expression (as text) compiled for RE2; throws PatternError for what RE2 cannot run. */
export function linearRegExp(source: string, flags = ''): LinearPattern {
  let re: RE2JS;
  try {
    re = RE2JS.compile(RE2JS.translateRegExp(source), (flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0) | (flags.includes('s') ? RE2JS.DOTALL : 0) | (flags.includes('m') ? RE2JS.MULTILINE : 0));
  } catch (e) {
    throw new PatternError(`${why(e)} (patterns run in linear time, so lookahead, lookbehind and back-references are not supported)`);
  }
  return { source, test: (s: string) => re.test(s) };
}

/** Ajv's `code.regExp` option: every `pattern` and `patternProperties` of a schema runs through RE2. */
export const linearRegExpEngine = Object.assign((pattern: string, flags: string) => linearRegExp(pattern, flags), { code: 'linearRegExp' });

// ---- globs --------------------------------------------------------------------------------------------------------

/** `{a,b}` alternatives, expanded (nested too); a brace without a comma is literal, as in picomatch. */
function expandBraces(glob: string, budget: { left: number }): string[] {
  let depth = 0;
  let open = -1;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') {
      if (depth++ === 0) open = i;
    } else if (c === '}' && depth > 0 && --depth === 0) {
      const inner = glob.slice(open + 1, i);
      const parts: string[] = [];
      let d = 0;
      let from = 0;
      for (let j = 0; j < inner.length; j++) {
        const k = inner[j];
        if (k === '\\') j++;
        else if (k === '{') d++;
        else if (k === '}') d--;
        else if (k === ',' && d === 0) {
          parts.push(inner.slice(from, j));
          from = j + 1;
        }
      }
      parts.push(inner.slice(from));
      const head = glob.slice(0, open);
      const tails = expandBraces(glob.slice(i + 1), budget);
      if (parts.length < 2) return tails.map((t) => `${head}\\{${inner}\\}${t}`);
      const out: string[] = [];
      for (const p of parts) for (const e of expandBraces(p, budget)) for (const t of tails) out.push(head + e + t);
      budget.left -= out.length;
      if (budget.left < 0) throw new PatternError('its braces expand to more than 1,000 patterns');
      return out;
    }
  }
  return [glob];
}

type Atom = { kind: 'lit'; text: string } | { kind: 'any' } | { kind: 'star' } | { kind: 'class'; re: string; negated: boolean };

function segmentAtoms(seg: string): Atom[] {
  const atoms: Atom[] = [];
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === '\\' && i + 1 < seg.length) atoms.push({ kind: 'lit', text: seg[++i] });
    else if ((c === '@' || c === '!' || c === '+' || c === '?' || c === '*') && seg[i + 1] === '(') {
      throw new PatternError(`extglob ${c}(…) is not supported: use braces ({a,b}) for alternatives`);
    } else if (c === '*') {
      if (atoms[atoms.length - 1]?.kind !== 'star') atoms.push({ kind: 'star' });
    } else if (c === '?') atoms.push({ kind: 'any' });
    else if (c === '[') {
      const close = seg.indexOf(']', i + 2);
      if (close < 0) {
        atoms.push({ kind: 'lit', text: c });
        continue;
      }
      let body = seg.slice(i + 1, close);
      const negated = body[0] === '!' || body[0] === '^';
      if (negated) body = body.slice(1);
      atoms.push({ kind: 'class', re: body, negated });
      i = close;
    } else atoms.push({ kind: 'lit', text: c });
  }
  return atoms;
}

function atomRe(a: Atom, noDot: boolean): string {
  switch (a.kind) {
    case 'lit':
      return RE2JS.quote(a.text);
    case 'any':
      return noDot ? '[^/.]' : '[^/]';
    case 'star':
      return '[^/]*';
    case 'class':
      return a.negated ? `[^/${noDot ? '.' : ''}${a.re}]` : `[${a.re}]`;
  }
}

/**
 * One path segment. With `noDot` (picomatch's `dot: false`), a segment that the glob does not start with a literal
 * dot never matches a name that starts with one: the first character a wildcard matches is not a dot.
 */
function segmentRe(atoms: Atom[], noDot: boolean): string {
  if (!noDot || atoms.length === 0) return atoms.map((a) => atomRe(a, false)).join('');
  const [first, ...rest] = atoms;
  const restRe = rest.map((a) => atomRe(a, false)).join('');
  if (first.kind === 'lit') return RE2JS.quote(first.text) + restRe;
  if (first.kind !== 'star') return atomRe(first, true) + restRe;
  // A leading star either matches a first character that is not a dot, or nothing (and the next atom starts the name).
  const empty = rest.length === 0 ? undefined : rest[0].kind === 'lit' && rest[0].text === '.' ? undefined : segmentRe(rest, true);
  const nonEmpty = `[^/.][^/]*${restRe}`;
  return empty === undefined ? nonEmpty : `(?:${nonEmpty}|${empty})`;
}

function globRe(glob: string, dot: boolean): string {
  const segments = glob.replace(/^\.\//, '').split('/');
  const dir = dot ? '[^/]+' : '[^/.][^/]*';
  let re = '';
  let needSlash = false;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (s === '**') {
      while (segments[i + 1] === '**') i++;
      const last = i === segments.length - 1;
      if (!needSlash && last) re += `${dir}(?:/${dir})*`;
      else if (!needSlash) re += `(?:${dir}/)*`;
      else if (last) re += `(?:/${dir})*`;
      else re += `/(?:${dir}/)*`;
      needSlash = false;
      if (last) break;
      continue;
    }
    const seg = segmentRe(segmentAtoms(s), !dot);
    re += (needSlash ? '/' : '') + seg;
    needSlash = true;
  }
  return re;
}

/**
 * A matcher for picomatch-style globs (`*`, `**`, `?`, `[...]`, `{a,b}`, a leading `!`) that runs in time linear
 * in the path: the globs become one RE2 expression. Throws PatternError naming the glob that cannot be used.
 */
export function globMatcher(globs: string[], options: { dot: boolean }): (path: string) => boolean {
  const positive: string[] = [];
  const negative: string[] = [];
  for (const glob of globs) {
    try {
      const negated = glob.startsWith('!') && glob[1] !== '(';
      const budget = { left: 1000 };
      const res = expandBraces(negated ? glob.slice(1) : glob, budget).map((g) => globRe(g, options.dot));
      (negated ? negative : positive).push(...res);
    } catch (e) {
      throw new PatternError(`the glob "${glob}" cannot be used: ${e instanceof PatternError ? e.message : why(e)}`);
    }
  }
  const compile = (res: string[]) => {
    try {
      return res.length ? RE2JS.compile(`^(?:${res.join('|')})$`) : undefined;
    } catch (e) {
      throw new PatternError(`a glob cannot be used: ${why(e)}`);
    }
  };
  const yes = compile(positive);
  const no = negative.map((r) => compile([r])!);
  // As picomatch with a list: a path matches when any glob does, a negated glob matching what it does not name.
  return (path: string) => (yes?.testExact(path) ?? false) || no.some((n) => !n.testExact(path));
}

/** The config's patterns checked once at load: each problem names its key. */
export function checkGlobs(key: string, globs: string[], dot: boolean): string | undefined {
  try {
    globMatcher(globs, { dot });
    return undefined;
  } catch (e) {
    return `${key}: ${(e as Error).message}`;
  }
}
