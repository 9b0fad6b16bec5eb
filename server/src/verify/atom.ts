// A small XML reader for the arXiv API's Atom feed: elements, attributes, text, CDATA, comments and the XML
// entities. Enough for a well-formed feed; on anything else it stops and returns what it built, never throws.

export interface XmlElement {
  /** The local name, prefix dropped (`opensearch:totalResults` → `totalResults`). */
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name] ?? whole;
  });
}

const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

function readAttributes(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i])) i++;
    const eq = s.indexOf('=', i);
    if (eq < 0) break;
    const name = s.slice(i, eq).trim();
    let j = eq + 1;
    while (j < s.length && /\s/.test(s[j])) j++;
    const quote = s[j];
    if (quote !== '"' && quote !== "'") break;
    const end = s.indexOf(quote, j + 1);
    if (end < 0) break;
    out[localName(name)] = decodeEntities(s.slice(j + 1, end));
    i = end + 1;
  }
  return out;
}

/** The document element, or undefined when the text holds none. */
export function parseXml(xml: string): XmlElement | undefined {
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const top = stack[stack.length - 1];
    if (lt < 0) {
      top.text += decodeEntities(xml.slice(i));
      break;
    }
    if (lt > i) top.text += decodeEntities(xml.slice(i, lt));
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      i = end < 0 ? xml.length : end + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      top.text += xml.slice(lt + 9, end < 0 ? xml.length : end);
      i = end < 0 ? xml.length : end + 3;
    } else if (xml.startsWith('<?', lt) || xml.startsWith('<!', lt)) {
      const end = xml.indexOf('>', lt);
      i = end < 0 ? xml.length : end + 1;
    } else {
      const end = xml.indexOf('>', lt);
      if (end < 0) break;
      const inner = xml.slice(lt + 1, end);
      i = end + 1;
      if (inner.startsWith('/')) {
        const name = localName(inner.slice(1).trim());
        // Close up to the matching element; a stray end tag is ignored.
        const at = stack.map((e) => e.name).lastIndexOf(name);
        if (at > 0) stack.length = at;
        continue;
      }
      const selfClosing = inner.endsWith('/');
      const body = selfClosing ? inner.slice(0, -1) : inner;
      const space = body.search(/\s/);
      const name = localName(space < 0 ? body : body.slice(0, space));
      const el: XmlElement = { name, attributes: space < 0 ? {} : readAttributes(body.slice(space)), children: [], text: '' };
      top.children.push(el);
      if (!selfClosing) stack.push(el);
    }
  }
  return root.children[0];
}

export const child = (el: XmlElement | undefined, name: string) => el?.children.find((c) => c.name === name);
export const childrenNamed = (el: XmlElement | undefined, name: string) => el?.children.filter((c) => c.name === name) ?? [];
/** An element's text with its runs of white space (line breaks in a long title) made single spaces. */
export const textOf = (el: XmlElement | undefined) => (el ? el.text.replace(/\s+/g, ' ').trim() : undefined);
