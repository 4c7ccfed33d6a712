// npm run rules -- <command>
//   validate        every rule source is well formed, compiles (no unsafe regex), and its examples pass
//   build           rules/*.yaml + rules/domains → src/rules/generated/bundled-rules.json and the
//                   feed dist/feed/rules.json (unsigned); rules explain themselves (zh_TW from
//                   zh_CN by OpenCC where the YAML has none), so _locales holds no rule_* keys
//                   (any left from older builds are removed)
//   keygen          a new Ed25519 signing key under keys/ (never committed); prints the public key
//   sign            dist/feed/rules.json → rules.json.sig with a private key
//   verify          a feed and its signature, checked exactly as the extension checks them
//   serve           a local feed on 127.0.0.1 (switches: slow, error status, hang, another file)
//   import-domains  the public scam-site lists of a url_items.jsonl → rules/domains/*.txt
// Run with no command, or with --help, for the options of each.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign as signBytes } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { analyze, compileRules, RuleCompileError, type Rule } from '../src/engine/index';
import { acceptFeed } from '../src/rules/accept-feed';
import { createDomainMatcher } from '../src/rules/domain-list';
import { FeedError } from '../src/rules/feed-error';
import { loadRuleSourcesWithFiles, RuleSourceError, RULES_DIR, type RuleSource } from './lib/load-rule-sources';
import { FEED_SCHEMA, MAX_FEED_BYTES, type Feed } from '../src/rules/parse-feed';
import { RELEASE_KEYS } from '../src/rules/trusted-keys';
import { keyIdOf, toBase64, type SignatureFile, type TrustedKey } from '../src/rules/verify-signature';
import { ALLOW_LIST_FILES, DENY_LIST_FILES, readAllowedHosts, readDenyLists, writeListFile, DOMAINS_DIR } from './lib/domain-list-files';
import { CliError, HELP_OPTION as HELP, parseCliArgs, runCli } from './lib/cli-error';
import { startFeedServer } from './lib/feed-server';
import { importDomainLists, type UrlItem } from './lib/import-domain-lists';
import { cliArgv, isEntryPoint } from './lib/run-main';

const ROOT = new URL('..', import.meta.url).pathname;
export const BUNDLED_PATH = join(ROOT, 'src/rules/generated/bundled-rules.json');
export const FEED_DIR = join(ROOT, 'dist/feed');
const LOCALES = ['en', 'zh_CN', 'zh_TW'] as const;
const localePath = (l: string): string => join(ROOT, 'assets/_locales', l, 'messages.json');

export function rulesVersion(): number {
  const v = Number(readFileSync(join(RULES_DIR, 'VERSION'), 'utf8').trim());
  if (!Number.isInteger(v) || v < 1) throw new Error('rules/VERSION must hold a positive integer');
  return v;
}

/** The bundled file: rules without their examples, which only the tests need. */
export function bundledJson(sources: RuleSource[]): string {
  const rules: Rule[] = sources.map(({ rule }) => ({ ...rule, examples: { scam: [], benign: [] } }));
  return JSON.stringify({ version: rulesVersion(), rules }, null, 1) + '\n';
}

type Messages = Record<string, { message: string; description?: string }>;

function readMessages(locale: string): Messages {
  try {
    return JSON.parse(readFileSync(localePath(locale), 'utf8')) as Messages;
  } catch {
    return {};
  }
}

/**
 * The locale file without rule_* keys. Rules carry their explanation in en, zh_CN and zh_TW
 * (bundled and feed rules alike: src/content/rule-explanation.ts), so _locales keeps only the
 * hand-written messages; older builds copied every rule's explanation in, and those keys go.
 */
export function localeJson(locale: (typeof LOCALES)[number]): string {
  const out: Messages = {};
  for (const [k, v] of Object.entries(readMessages(locale))) if (!k.startsWith('rule_')) out[k] = v;
  return JSON.stringify(out, null, 2) + '\n';
}

/** Runs every example of every rule against the full compiled set; returns the failures. */
export function checkExamples(rules: Rule[]): string[] {
  const compiled = compileRules(rules);
  const failures: string[] = [];
  for (const rule of rules) {
    for (const text of rule.examples.scam) {
      const fired = analyze({ text }, compiled).findings.some((f) => f.ruleId === rule.id);
      if (!fired) failures.push(`${rule.id}: does not fire on its scam example: ${JSON.stringify(text.slice(0, 120))}`);
    }
    for (const text of rule.examples.benign) {
      const fired = analyze({ text }, compiled).findings.some((f) => f.ruleId === rule.id);
      if (fired) failures.push(`${rule.id}: fires on its benign example: ${JSON.stringify(text.slice(0, 120))}`);
    }
  }
  return failures;
}

function load(): RuleSource[] {
  try {
    return loadRuleSourcesWithFiles();
  } catch (e) {
    if (e instanceof RuleSourceError) fail(e.problems);
    throw e;
  }
}

/** Stops the command with exit code 1 and the list of problems. */
function fail(problems: string[]): never {
  throw new CliError(`✗ ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`, 1);
}

/** One line of the command's report (process.stdout, so that runMain can capture it). */
const say = (line: string): void => void process.stdout.write(`${line}\n`);

const USAGE = `usage: npm run rules -- <command> [options]
  validate                             check every rule, its examples and the generated files
  build [--out DIR] [--expires-days N] bundled rules, _locales and the feed (default dist/feed)
  keygen [--out FILE]                  a new Ed25519 signing key (default keys/feed-signing.private.pem)
  sign --key FILE [FEED]               FEED.sig (default dist/feed/rules.json)
  verify [--trust KEY]... [--in-force N] [FEED]
                                       check a feed and its signature as the extension does
  serve [--dir DIR] [--file FILE] [--port N] [--delay MS] [--status CODE] [--hang]
                                       a local feed on 127.0.0.1
  import-domains <url_items.jsonl>     rebuild the known-scam-site lists in rules/domains
  --help                               this text`;

function validate(args: string[]): void {
  if (!parseCliArgs({ args, options: HELP }, USAGE)) return;
  const sources = load();
  const rules = sources.map((s) => s.rule);
  try {
    compileRules(rules);
  } catch (e) {
    if (e instanceof RuleCompileError) fail(e.problems);
    throw e;
  }
  const problems = checkExamples(rules);
  let stale: boolean;
  try {
    stale = readFileSync(BUNDLED_PATH, 'utf8') !== bundledJson(sources);
  } catch {
    stale = true;
  }
  for (const l of LOCALES) if (readMessages(l) && JSON.stringify(readMessages(l), null, 2) + '\n' !== localeJson(l)) stale = true;
  if (stale) problems.push('generated files are out of date: run `npm run rules -- build` and commit the result');
  if (problems.length) fail(problems);
  const examples = rules.reduce((n, r) => n + r.examples.scam.length + r.examples.benign.length, 0);
  say(`✓ ${rules.length} rules valid, ${examples} examples pass, generated files up to date`);
}

/** The deny lists' entries that would flag an allowed host (must be none; the build refuses). */
export function flaggedAllowedHosts(dir = DOMAINS_DIR): string[] {
  const matcher = createDomainMatcher(readDenyLists(dir));
  return readAllowedHosts(dir).flatMap((host) => [host, `www.${host}`]).filter((h) => matcher.lookup(h) !== null);
}

const PACKAGE_VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The feed: the same rules as the bundled default, plus the known-scam-site lists. */
export function feedOf(rules: Rule[], options: { issuedAt: Date; expiresDays: number; version?: number; minExtensionVersion?: string }): Feed {
  return {
    schema: FEED_SCHEMA,
    version: options.version ?? rulesVersion(),
    issuedAt: options.issuedAt.toISOString(),
    expiresAt: new Date(options.issuedAt.getTime() + options.expiresDays * DAY_MS).toISOString(),
    minExtensionVersion: options.minExtensionVersion ?? PACKAGE_VERSION,
    rules: rules.map((r) => ({ ...r, examples: { scam: [], benign: [] } })),
    domains: readDenyLists(),
  };
}

function build(args: string[]): void {
  const parsed = parseCliArgs({ args, options: { out: { type: 'string' }, 'expires-days': { type: 'string' }, ...HELP } }, USAGE);
  if (!parsed) return;
  const { values } = parsed;
  const sources = load();
  compileRules(sources.map((s) => s.rule));
  mkdirSync(dirname(BUNDLED_PATH), { recursive: true });
  writeFileSync(BUNDLED_PATH, bundledJson(sources));
  for (const l of LOCALES) {
    mkdirSync(dirname(localePath(l)), { recursive: true });
    writeFileSync(localePath(l), localeJson(l));
  }
  say(`✓ built ${sources.length} rules → ${BUNDLED_PATH}; _locales (${LOCALES.join(', ')}) without rule_* keys`);

  const flagged = flaggedAllowedHosts();
  if (flagged.length) fail(flagged.slice(0, 20).map((h) => `rules/domains would flag the allowed host ${h}`));
  const expiresDays = Number(values['expires-days'] ?? 30);
  if (!(expiresDays > 0 && expiresDays <= 365)) fail(['--expires-days: a number of days from 1 to 365']);
  const out = resolve(values.out ?? FEED_DIR);
  const feed = feedOf(sources.map((s) => s.rule), { issuedAt: new Date(), expiresDays });
  const body = JSON.stringify(feed);
  const bytes = Buffer.byteLength(body);
  if (bytes > MAX_FEED_BYTES) fail([`the feed is ${bytes} bytes; the extension accepts at most ${MAX_FEED_BYTES}`]);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'rules.json'), body);
  const entries = feed.domains.reduce((n, d) => n + d.entries.length, 0);
  say(`✓ feed version ${feed.version} (${Math.round(bytes / 1024)} KiB of at most ${MAX_FEED_BYTES / 1024}, ${entries} known scam sites, expires ${feed.expiresAt}) → ${join(out, 'rules.json')}`);
  say(`  sign it before publishing: npm run rules -- sign --key keys/<name>.private.pem`);
}

async function keygen(args: string[]): Promise<void> {
  const parsed = parseCliArgs({ args, options: { out: { type: 'string' }, ...HELP } }, USAGE);
  if (!parsed) return;
  const { values } = parsed;
  const out = resolve(values.out ?? join(ROOT, 'keys/feed-signing.private.pem'));
  if (existsSync(out)) fail([`${out} exists; refusing to overwrite a signing key (give --out another path)`]);
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const id = await keyIdOf(toBase64(raw));
  say(`✓ private key → ${out} (keep it secret; keys/ and *.private.pem are in .gitignore)`);
  say(`  public key: ${toBase64(raw)}\n  key id:     ${id}`);
  say(`  to trust it, add to RELEASE_KEYS in src/rules/trusted-keys.ts:\n    { id: '${id}', publicKey: '${toBase64(raw)}' },`);
}

async function signFeed(args: string[]): Promise<void> {
  const parsed = parseCliArgs({ args, allowPositionals: true, options: { key: { type: 'string' }, ...HELP } }, USAGE);
  if (!parsed) return;
  const { values, positionals } = parsed;
  if (!values.key) fail(['--key <private key file> is required']);
  const file = resolve(positionals[0] ?? join(FEED_DIR, 'rules.json'));
  const privateKey = createPrivateKey(readFileSync(values.key));
  if (privateKey.asymmetricKeyType !== 'ed25519') fail([`${values.key} is not an Ed25519 private key`]);
  const body = readFileSync(file);
  const raw = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(-32);
  const signature: SignatureFile = { alg: 'Ed25519', keyId: await keyIdOf(toBase64(raw)), signature: toBase64(signBytes(null, body, privateKey)) };
  writeFileSync(`${file}.sig`, JSON.stringify(signature) + '\n');
  const trusted = RELEASE_KEYS.some((k) => k.id === signature.keyId);
  say(`✓ signed ${file} with key ${signature.keyId} → ${file}.sig`);
  if (!trusted) say(`  note: key ${signature.keyId} is not in RELEASE_KEYS; released extensions will refuse this feed`);
}

async function verifyFeed(args: string[]): Promise<void> {
  const parsed = parseCliArgs({ args, allowPositionals: true, options: { trust: { type: 'string', multiple: true }, 'in-force': { type: 'string' }, ...HELP } }, USAGE);
  if (!parsed) return;
  const { values, positionals } = parsed;
  const file = resolve(positionals[0] ?? join(FEED_DIR, 'rules.json'));
  const sigFile = `${file}.sig`;
  if (!existsSync(sigFile)) fail([`${sigFile} does not exist: sign the feed first`]);
  // --trust <public key>: also trust this key (a new key before its release, or a test key).
  const extra = await Promise.all((values.trust ?? []).map(async (publicKey) => ({ id: await keyIdOf(publicKey), publicKey })));
  const keys: TrustedKey[] = [...RELEASE_KEYS, ...extra];
  try {
    const result = await acceptFeed({
      body: new Uint8Array(readFileSync(file)),
      signature: readFileSync(sigFile, 'utf8'),
      trustedKeys: keys,
      now: Date.now(),
      inForceVersion: Number(values['in-force'] ?? 0),
      extensionVersion: PACKAGE_VERSION,
    });
    if (result.kind === 'current') say(`✓ ${file}: valid, version ${result.version} (same as --in-force)`);
    else say(`✓ ${file}: signed by ${result.keyId}; version ${result.feed.version}, ${result.feed.rules.length} rules compile, expires ${result.feed.expiresAt}`);
  } catch (e) {
    if (e instanceof FeedError) fail([`${file}: ${e.message}`]);
    throw e;
  }
}

async function serve(args: string[]): Promise<void> {
  const parsed = parseCliArgs({
    args,
    options: { dir: { type: 'string' }, file: { type: 'string' }, port: { type: 'string' }, delay: { type: 'string' }, status: { type: 'string' }, hang: { type: 'boolean' }, ...HELP },
  }, USAGE);
  if (!parsed) return;
  const { values } = parsed;
  const server = await startFeedServer(
    {
      dir: resolve(values.dir ?? FEED_DIR),
      ...(values.file ? { file: resolve(values.file) } : {}),
      ...(values.delay ? { delayMs: Number(values.delay) } : {}),
      ...(values.status ? { status: Number(values.status) } : {}),
      ...(values.hang ? { hang: true } : {}),
    },
    Number(values.port ?? 8787),
  );
  say(`serving the rules feed at ${server.url} (and ${server.url}.sig); Ctrl+C to stop`);
}

async function importDomains(args: string[]): Promise<void> {
  const parsed = parseCliArgs({ args, allowPositionals: true, options: HELP }, USAGE);
  if (!parsed) return;
  const { positionals } = parsed;
  const corpus = positionals[0];
  if (!corpus) fail(['usage: npm run rules -- import-domains <url_items.jsonl>']);
  const items: UrlItem[] = [];
  for await (const line of createInterface({ input: createReadStream(corpus) })) {
    if (!line.trim()) continue;
    const o = JSON.parse(line) as Partial<UrlItem>;
    if (typeof o.source === 'string' && typeof o.label === 'string' && typeof o.url === 'string') items.push({ source: o.source, label: o.label, url: o.url });
  }
  const lists = importDomainLists(items);
  const note = `Imported ${new Date().toISOString().slice(0, 10)} by \`npm run rules -- import-domains\``;
  mkdirSync(DOMAINS_DIR, { recursive: true });
  writeListFile(DENY_LIST_FILES[0]!, lists.deny.gaso, note);
  writeListFile(DENY_LIST_FILES[1]!, lists.deny.polkadot, note);
  writeListFile(ALLOW_LIST_FILES[0]!, lists.allow.fdic, note);
  writeListFile(ALLOW_LIST_FILES[1]!, lists.allow.polkadot, note);
  const reasons = new Map<string, number>();
  for (const d of lists.dropped) reasons.set(d.reason, (reasons.get(d.reason) ?? 0) + 1);
  say(`✓ ${lists.deny.gaso.length} GASO and ${lists.deny.polkadot.length} polkadot-js entries; ${lists.allow.fdic.length} + ${lists.allow.polkadot.length} allowed hosts → ${DOMAINS_DIR}`);
  for (const [reason, n] of reasons) say(`  dropped ${n}: ${reason}`);
}

const commands: Record<string, (args: string[]) => void | Promise<void>> = {
  validate,
  build,
  keygen,
  sign: signFeed,
  verify: verifyFeed,
  serve,
  'import-domains': importDomains,
};
/** `npm run rules -- <command> ...`: exported so that the tests run it in-process (run-main.ts). */
export async function main(): Promise<void> {
  const [command, ...rest] = cliArgv();
  if (command === '--help' || command === '-h') {
    say(USAGE);
    return;
  }
  const run = command ? commands[command] : undefined;
  if (!run) throw new CliError(`${command ? `unknown command: ${command}` : 'no command given'}\n${USAGE}`);
  await run(rest);
}

if (isEntryPoint(import.meta.url)) runCli(main);
