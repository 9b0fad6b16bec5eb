/**
 * Expands VS Code snippet bodies the way the editor does when the user accepts every default: placeholders take their
 * default text (or the first choice), mirrors repeat it, variables are filled from the given values and transformed.
 * Covers the grammar our snippets use: $n, ${n}, ${n:default}, ${n|a,b|}, $VAR, ${VAR}, ${VAR:default},
 * ${VAR/regex/format/flags}, and backslash escapes.
 */

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'tabstop'; n: number; body?: Node[]; choices?: string[] }
  | { kind: 'variable'; name: string; body?: Node[]; transform?: { regex: string; format: string; flags: string } };

class Parser {
  pos = 0;
  constructor(private readonly s: string) {}

  parse(stop: string[] = []): Node[] {
    const nodes: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', text });
      text = '';
    };
    while (this.pos < this.s.length) {
      const c = this.s[this.pos];
      if (stop.includes(c)) break;
      if (c === '\\' && '$}\\,|'.includes(this.s[this.pos + 1] ?? '')) {
        text += this.s[this.pos + 1];
        this.pos += 2;
      } else if (c === '$') {
        const node = this.dollar();
        if (node) {
          flush();
          nodes.push(node);
        } else {
          text += '$';
          this.pos++;
        }
      } else {
        text += c;
        this.pos++;
      }
    }
    flush();
    return nodes;
  }

  private until(end: string): string {
    let out = '';
    while (this.pos < this.s.length && this.s[this.pos] !== end) {
      if (this.s[this.pos] === '\\' && this.s[this.pos + 1] === end) {
        out += end;
        this.pos += 2;
      } else out += this.s[this.pos++];
    }
    this.pos++;
    return out;
  }

  private dollar(): Node | undefined {
    const rest = this.s.slice(this.pos + 1);
    const simple = /^(\d+|[A-Z_a-z][A-Z_a-z0-9]*)/.exec(rest);
    if (simple) {
      this.pos += 1 + simple[0].length;
      return /^\d/.test(simple[0]) ? { kind: 'tabstop', n: Number(simple[0]) } : { kind: 'variable', name: simple[0] };
    }
    const braced = /^\{(\d+|[A-Z_a-z][A-Z_a-z0-9]*)/.exec(rest);
    if (!braced) return undefined;
    this.pos += 1 + braced[0].length;
    const name = braced[1];
    const isTab = /^\d/.test(name);
    const next = this.s[this.pos];
    if (next === '}') {
      this.pos++;
      return isTab ? { kind: 'tabstop', n: Number(name) } : { kind: 'variable', name };
    }
    if (next === ':') {
      this.pos++;
      const body = this.parse(['}']);
      this.pos++;
      return isTab ? { kind: 'tabstop', n: Number(name), body } : { kind: 'variable', name, body };
    }
    if (next === '|' && isTab) {
      this.pos++;
      const choices: string[] = [];
      let cur = '';
      while (this.pos < this.s.length && !(this.s[this.pos] === '|' && this.s[this.pos + 1] === '}')) {
        const ch = this.s[this.pos];
        if (ch === '\\') {
          cur += this.s[this.pos + 1];
          this.pos += 2;
        } else if (ch === ',') {
          choices.push(cur);
          cur = '';
          this.pos++;
        } else {
          cur += ch;
          this.pos++;
        }
      }
      choices.push(cur);
      this.pos += 2;
      return { kind: 'tabstop', n: Number(name), choices };
    }
    if (next === '/' && !isTab) {
      this.pos++;
      const regex = this.until('/');
      const format = this.until('/');
      const flags = this.until('}');
      return { kind: 'variable', name, transform: { regex, format, flags } };
    }
    throw new Error(`snippet syntax not understood at ${this.pos}: ${this.s.slice(this.pos, this.pos + 20)}`);
  }
}

export interface ExpandOptions {
  variables: Record<string, string>;
  /** Text the user typed for some tabstops instead of their defaults. */
  typed?: Record<number, string>;
}

export function expandSnippet(body: string | string[], options: ExpandOptions): string {
  const source = Array.isArray(body) ? body.join('\n') : body;
  const nodes = new Parser(source).parse();
  const defaults = new Map<number, Node[] | string>();
  const collect = (list: Node[]) => {
    for (const n of list) {
      if (n.kind === 'tabstop') {
        if (n.choices && !defaults.has(n.n)) defaults.set(n.n, n.choices[0]);
        if (n.body) {
          if (!defaults.has(n.n)) defaults.set(n.n, n.body);
          collect(n.body);
        }
      } else if (n.kind === 'variable' && n.body) collect(n.body);
    }
  };
  collect(nodes);
  const render = (list: Node[]): string =>
    list
      .map((n) => {
        if (n.kind === 'text') return n.text;
        if (n.kind === 'tabstop') {
          const typed = options.typed?.[n.n];
          if (typed !== undefined) return typed;
          const d = defaults.get(n.n);
          return d === undefined ? '' : typeof d === 'string' ? d : render(d);
        }
        const value = options.variables[n.name];
        if (value === undefined) return n.body ? render(n.body) : '';
        if (!n.transform) return value;
        const re = new RegExp(n.transform.regex, n.transform.flags);
        return value.replace(re, (...m: unknown[]) => n.transform!.format.replace(/\$(\d+)|\$\{(\d+)\}/g, (_s, a: string, b: string) => String(m[Number(a ?? b)] ?? '')));
      })
      .join('');
  return render(nodes);
}
