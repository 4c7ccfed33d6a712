// Whether a downloaded feed may replace the rules in force (issue 4). Pure apart from WebCrypto:
// bytes and a signature in, a compiled rule set out, or a FeedError naming the first check that
// failed. Cheap checks come first, and nothing is parsed before its signature verifies. The
// checks follow The Update Framework's list of attacks:
// arbitrary content (signature, then field-by-field validation and compilation: no unsafe regex),
// rollback (version must rise), freeze (expiry), endless data (size cap), and a feed this
// extension is too old to understand (minExtensionVersion).
import { compileRules, RuleCompileError, type CompiledRules } from '../engine/compile-rules';
import { FeedError } from './feed-error';
import { compareVersions, MAX_FEED_BYTES, parseFeed, type Feed } from './parse-feed';
import { verifySignature, type TrustedKey, type VerifyOptions } from './verify-signature';

export interface AcceptInput {
  /** The body exactly as served. */
  body: Uint8Array;
  /** The detached signature file's text (rules.json.sig). */
  signature: string;
  trustedKeys: readonly TrustedKey[];
  /** ms since the epoch. */
  now: number;
  /** The version of the rules in force (the bundled default's, or the last accepted feed's). */
  inForceVersion: number;
  /** This extension's version (manifest). */
  extensionVersion: string;
  /**
   * Set when the rules in force are the bundled ones: a feed not newer than them is "current",
   * not a rollback. After an extension update ships newer rules than the feed has published
   * yet, that is the normal state, not an attack.
   */
  bundledInForce?: boolean;
  /**
   * Accept the version in force again and compile it anew: after an extension update, whose
   * engine may store compiled rules differently. Never a lower version.
   */
  reaccept?: boolean;
  verify?: VerifyOptions;
}

export type AcceptResult =
  /** Same version as in force: nothing to do (a server without ETag support serves this often). */
  | { kind: 'current'; version: number }
  | { kind: 'newer'; feed: Feed; compiled: CompiledRules; keyId: string };

/** Signature clocks drift: a feed issued a little in the "future" of a slow clock is still fine. */
export const CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

export async function acceptFeed(input: AcceptInput): Promise<AcceptResult> {
  const { body, now } = input;
  if (body.length > MAX_FEED_BYTES) throw new FeedError('too-large', `${body.length} bytes, at most ${MAX_FEED_BYTES}`);
  const keyId = await verifySignature(body, input.signature, input.trustedKeys, input.verify);

  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch (e) {
    throw new FeedError('invalid-json', (e as Error).message.slice(0, 200));
  }
  const feed = parseFeed(value);

  if (feed.version < input.inForceVersion && input.bundledInForce === true) return { kind: 'current', version: input.inForceVersion };
  if (feed.version < input.inForceVersion) {
    throw new FeedError('rollback', `version ${feed.version} is older than version ${input.inForceVersion} in force`);
  }
  if (feed.version === input.inForceVersion && input.reaccept !== true) return { kind: 'current', version: feed.version };
  if (Date.parse(feed.expiresAt) <= now) throw new FeedError('expired', `expired at ${feed.expiresAt}`);
  if (Date.parse(feed.issuedAt) > now + CLOCK_SKEW_MS) throw new FeedError('not-yet-valid', `issued at ${feed.issuedAt}, in the future`);
  if (compareVersions(input.extensionVersion, feed.minExtensionVersion) < 0) {
    throw new FeedError('extension-too-old', `needs extension ${feed.minExtensionVersion}, this is ${input.extensionVersion}`);
  }

  let compiled: CompiledRules;
  try {
    compiled = compileRules(feed.rules);
  } catch (e) {
    if (!(e instanceof RuleCompileError)) throw e;
    const unsafe = e.problems.find((p) => p.includes(': regex /'));
    throw new FeedError(unsafe ? 'unsafe-regex' : 'invalid-rule', (unsafe ?? e.problems[0] ?? 'does not compile').slice(0, 300));
  }
  return { kind: 'newer', feed, compiled, keyId };
}
