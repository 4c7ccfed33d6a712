// A reader for the Windows .reg files of docs/family-kit/, so a test can check what they would
// write to the registry. No npm package for the format is installed, so this reads the subset
// regedit writes for policies, and refuses the rest rather than guess: a "Windows Registry Editor
// Version 5.00" header, ; comments, [key] sections, and "name"="string" or "name"=dword:xxxxxxxx
// values. Deletions ([-key], "name"=-), hex(...) values and line continuations are errors.

export type RegValue = { type: 'REG_SZ'; value: string } | { type: 'REG_DWORD'; value: number };

/** Values by key path (as written, case kept) and value name. */
export type RegFile = Map<string, Map<string, RegValue>>;

export class RegFileError extends Error {
  override name = 'RegFileError';
}

/** Text of a .reg file: UTF-16 LE with a byte order mark (what regedit exports) or UTF-8/ASCII. */
export function decodeRegFile(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** A quoted .reg string starting at text[from] (the opening quote): its value and where it ends. */
function readQuoted(text: string, from: number, line: number): { value: string; end: number } {
  let value = '';
  for (let i = from + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') return { value, end: i + 1 };
    if (c === '\\') {
      const next = text[i + 1];
      // regedit escapes only the backslash and the quote inside strings.
      if (next !== '\\' && next !== '"') throw new RegFileError(`line ${line}: unknown escape \\${next ?? ''}`);
      value += next;
      i++;
    } else value += c;
  }
  throw new RegFileError(`line ${line}: unterminated string`);
}

export function readRegFile(text: string): RegFile {
  const lines = text.split(/\r?\n/);
  const header = lines.findIndex((l) => l.trim() !== '');
  if (header < 0 || lines[header]!.trim() !== 'Windows Registry Editor Version 5.00') {
    throw new RegFileError('the first line must be "Windows Registry Editor Version 5.00"');
  }
  const file: RegFile = new Map();
  let current: Map<string, RegValue> | null = null;
  for (let n = header + 1; n < lines.length; n++) {
    const lineNo = n + 1;
    const line = lines[n]!.trim();
    if (line === '' || line.startsWith(';')) continue;
    if (line.startsWith('[')) {
      if (!line.endsWith(']')) throw new RegFileError(`line ${lineNo}: a key must end with ]`);
      const path = line.slice(1, -1);
      if (path.startsWith('-')) throw new RegFileError(`line ${lineNo}: key deletions are not used in policy templates`);
      if (!/^HKEY_(LOCAL_MACHINE|CURRENT_USER)\\/.test(path)) throw new RegFileError(`line ${lineNo}: policies live under HKEY_LOCAL_MACHINE or HKEY_CURRENT_USER`);
      current = file.get(path) ?? new Map<string, RegValue>();
      file.set(path, current);
      continue;
    }
    if (current === null) throw new RegFileError(`line ${lineNo}: a value before any [key]`);
    if (!line.startsWith('"')) throw new RegFileError(`line ${lineNo}: expected "name"=value`);
    const name = readQuoted(line, 0, lineNo);
    if (line[name.end] !== '=') throw new RegFileError(`line ${lineNo}: expected = after the name`);
    const rest = line.slice(name.end + 1);
    let value: RegValue;
    if (rest.startsWith('"')) {
      const str = readQuoted(rest, 0, lineNo);
      if (rest.slice(str.end).trim() !== '') throw new RegFileError(`line ${lineNo}: text after the string`);
      value = { type: 'REG_SZ', value: str.value };
    } else if (/^dword:[0-9a-fA-F]{8}$/.test(rest)) {
      value = { type: 'REG_DWORD', value: parseInt(rest.slice(6), 16) };
    } else {
      throw new RegFileError(`line ${lineNo}: only "string" and dword:xxxxxxxx values are used in policy templates`);
    }
    if (current.has(name.value)) throw new RegFileError(`line ${lineNo}: "${name.value}" set twice`);
    current.set(name.value, value);
  }
  return file;
}
