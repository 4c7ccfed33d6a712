// A reader for the XML property lists of docs/family-kit/ (.mobileconfig), so a test can check
// what macOS would hand to Chrome. No plist package is among the project's dependencies, so this
// reads the subset Apple's XML plist format uses and refuses anything else: an XML declaration,
// a DOCTYPE, comments, <plist> around one value, and dict/array/key/string/integer/real/true/false
// with the five XML entities and numeric character references. No attributes beyond <plist
// version>, no CDATA, no <data>/<date> (policy templates need neither).

export type PlistValue = string | number | boolean | PlistValue[] | { [key: string]: PlistValue };

export class PlistError extends Error {
  override name = 'PlistError';
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeText(text: string): string {
  if (text.includes('<')) throw new PlistError('markup inside a text value');
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);|&/g, (whole, ref: string | undefined) => {
    if (ref === undefined) throw new PlistError('a bare & in text');
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const entity = ENTITIES[ref];
    if (entity === undefined) throw new PlistError(`unknown entity ${whole}`);
    return entity;
  });
}

type Token = { kind: 'open' | 'close' | 'empty'; name: string } | { kind: 'text'; text: string };

function tokenize(xml: string): Token[] {
  let body = xml.replace(/^\uFEFF/, '');
  body = body.replace(/^\s*<\?xml[^?]*\?>/, '');
  body = body.replace(/<!--[\s\S]*?-->/g, '');
  body = body.replace(/^\s*<!DOCTYPE plist[^>]*>/, '');
  const tokens: Token[] = [];
  const re = /<(\/?)([A-Za-z]+)((?:\s+version="1\.0")?)\s*(\/?)>|([^<]+)/g;
  let last = 0;
  for (let m = re.exec(body); m !== null; m = re.exec(body)) {
    if (m.index !== last) throw new PlistError(`unexpected markup at ${last}: ${body.slice(last, last + 30)}`);
    last = re.lastIndex;
    if (m[5] !== undefined) {
      tokens.push({ kind: 'text', text: m[5] });
      continue;
    }
    const name = m[2]!;
    if (m[3] && name !== 'plist') throw new PlistError(`attributes on <${name}>`);
    tokens.push({ kind: m[1] ? 'close' : m[4] ? 'empty' : 'open', name });
  }
  if (last !== body.length) throw new PlistError(`unexpected markup at ${last}: ${body.slice(last, last + 30)}`);
  // Whitespace between elements means nothing; inside <string> it is kept (see readValue).
  return tokens;
}

class Reader {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private skipSpace(): void {
    while (this.i < this.tokens.length) {
      const t = this.tokens[this.i]!;
      if (t.kind === 'text' && t.text.trim() === '') this.i++;
      else break;
    }
  }

  private next(): Token {
    this.skipSpace();
    const t = this.tokens[this.i++];
    if (t === undefined) throw new PlistError('unexpected end of file');
    return t;
  }

  private expectClose(name: string): void {
    const t = this.next();
    if (t.kind !== 'close' || t.name !== name) throw new PlistError(`expected </${name}>`);
  }

  /** The text up to </name> (empty if the element closes at once). */
  private textUntilClose(name: string): string {
    const t = this.tokens[this.i];
    let text = '';
    if (t?.kind === 'text') {
      text = decodeText(t.text);
      this.i++;
    }
    const close = this.tokens[this.i++];
    if (close?.kind !== 'close' || close.name !== name) throw new PlistError(`expected </${name}>`);
    return text;
  }

  document(): PlistValue {
    const open = this.next();
    if (open.kind !== 'open' || open.name !== 'plist') throw new PlistError('expected <plist version="1.0">');
    const value = this.value();
    this.expectClose('plist');
    this.skipSpace();
    if (this.i !== this.tokens.length) throw new PlistError('content after </plist>');
    return value;
  }

  value(): PlistValue {
    const t = this.next();
    if (t.kind === 'empty') {
      if (t.name === 'true') return true;
      if (t.name === 'false') return false;
      if (t.name === 'string') return '';
      if (t.name === 'dict') return {};
      if (t.name === 'array') return [];
      throw new PlistError(`<${t.name}/> is not a plist value`);
    }
    if (t.kind !== 'open') throw new PlistError('expected a value');
    switch (t.name) {
      case 'string':
        return this.textUntilClose('string');
      case 'integer': {
        const text = this.textUntilClose('integer').trim();
        if (!/^[+-]?\d+$/.test(text)) throw new PlistError(`<integer>${text}</integer>`);
        return Number(text);
      }
      case 'real': {
        const text = this.textUntilClose('real').trim();
        const n = Number(text);
        if (text === '' || !Number.isFinite(n)) throw new PlistError(`<real>${text}</real>`);
        return n;
      }
      case 'array': {
        const items: PlistValue[] = [];
        for (;;) {
          this.skipSpace();
          const peek = this.tokens[this.i];
          if (peek?.kind === 'close' && peek.name === 'array') {
            this.i++;
            return items;
          }
          items.push(this.value());
        }
      }
      case 'dict': {
        // A null-prototype object: a key named __proto__ is then only a key.
        const dict = Object.create(null) as { [key: string]: PlistValue };
        for (;;) {
          const k = this.next();
          if (k.kind === 'close' && k.name === 'dict') return dict;
          if (k.kind !== 'open' || k.name !== 'key') throw new PlistError('expected <key> in <dict>');
          const key = this.textUntilClose('key');
          if (Object.hasOwn(dict, key)) throw new PlistError(`key ${key} twice in one <dict>`);
          dict[key] = this.value();
        }
      }
      default:
        throw new PlistError(`<${t.name}> is not supported`);
    }
  }
}

export function readPlist(xml: string): PlistValue {
  return new Reader(tokenize(xml)).document();
}
