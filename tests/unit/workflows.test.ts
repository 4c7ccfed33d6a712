// The GitHub Actions workflows cannot run on the development machines, so they are checked here
// (issue 13): GitHub's schema and the project's rules (scripts/lib/lint-workflow.ts), then what
// each workflow must do: CI runs .ci/run in Debian with its Chromium and Firefox ESR; a release
// signs the feed with a key that lives on disk for one step, verifies it as released extensions
// will, publishes it where the extension looks, and attaches the store archives.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { lintWorkflow, pagesRepository, secretsOf } from '../../scripts/lib/lint-workflow';
import { DEFAULT_FEED_URL } from '../../src/background/feed-url';

interface Step { name?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> }
interface Job { 'runs-on'?: string; container?: string; uses?: string; needs?: string | string[]; permissions?: Record<string, string>; environment?: { url?: string }; steps?: Step[] }
interface Workflow { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, Job> }

const read = (file: string): string => readFileSync(new URL(`../../.github/workflows/${file}`, import.meta.url), 'utf8');
const ci = read('ci.yml');
const release = read('release.yml');
const ciDoc = parse(ci) as Workflow;
const releaseDoc = parse(release) as Workflow;
const steps = (doc: Workflow, job: string): Step[] => doc.jobs[job]?.steps ?? [];
const stepRunning = (doc: Workflow, job: string, command: RegExp): Step | undefined => steps(doc, job).find((s) => command.test(s.run ?? ''));

describe('lintWorkflow', () => {
  test.each([['ci.yml', ci], ['release.yml', release]])('%s passes GitHub\'s schema and the project\'s rules', (name, text) => {
    expect(lintWorkflow(name, text)).toEqual([]);
  });

  const ok = `name: x
on: push
permissions:
  contents: read
jobs:
  a:
    runs-on: ubuntu-24.04
    timeout-minutes: 5
    steps:
`;
  test.each([
    ['a misspelt key', ok.replace('runs-on', 'runs-onn'), /schema: .*runs-onn/],
    ['no permissions', ok.replace('permissions:\n  contents: read\n', ''), /no top-level `permissions`/],
    ['no timeout', ok.replace('    timeout-minutes: 5\n', ''), /no timeout-minutes/],
    ['an action by tag', `${ok}      - uses: actions/checkout@v4\n`, /not pinned to a full commit SHA/],
    ['an action by branch', `${ok}      - uses: actions/checkout@main\n`, /not pinned/],
    ['a SHA without the release named', `${ok}      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n`, /no "# vX.Y.Z" comment/],
    ['a secret inside a script', `${ok}      - run: echo \${{ secrets.FEED_SIGNING_KEY }} > key\n`, /secret is expanded inside the script/],
    ['all secrets at once', `${ok}      - run: echo "$S"\n        env:\n          S: \${{ toJSON(secrets) }}\n`, /only as \$\{\{ secrets.NAME \}\}/],
    ['a pull request title inside a script', `${ok}      - run: echo "\${{ github.event.pull_request.title }}"\n`, /injection/],
    ['a step with neither uses nor run', `${ok}      - name: nothing\n`, /exactly one of `uses` and `run`|schema/],
  ])('flags %s', (_name, text, problem) => {
    const problems = lintWorkflow('bad.yml', text);
    expect(problems.some((p) => problem.test(p)), problems.join('\n')).toBe(true);
  });

  test('a clean workflow with a pinned, named action passes', () => {
    expect(lintWorkflow('good.yml', `${ok}      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n      - run: npm test\n`)).toEqual([]);
  });
});

describe('ci.yml runs what .ci/run runs', () => {
  test('on push and pull request, and callable by the release', () => {
    expect(Object.keys(ciDoc.on).sort()).toEqual(['pull_request', 'push', 'workflow_call']);
  });

  test('in Debian, with the distribution\'s Chromium and Firefox ESR, on Node 20', () => {
    const job = ciDoc.jobs.test!;
    expect(job.container).toMatch(/^debian:/);
    const apt = stepRunning(ciDoc, 'test', /apt-get install/)?.run ?? '';
    expect(apt).toMatch(/\bchromium\b/);
    expect(apt).toMatch(/\bfirefox-esr\b/);
    expect(steps(ciDoc, 'test').find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBe(20);
    expect(steps(ciDoc, 'test').at(-1)?.run).toBe('.ci/run');
  });

  test('.ci/run is what it says: npm ci, then npm test', () => {
    const script = readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8');
    expect(script).toMatch(/npm ci\b/);
    expect(script).toMatch(/npm test\b/);
  });

  test('it reads the repository and nothing more', () => {
    expect(ciDoc.permissions).toEqual({ contents: 'read' });
    expect(secretsOf(ci)).toEqual([]);
  });
});

describe('release.yml', () => {
  test('runs on version tags only, after the full tests', () => {
    expect(Object.keys(releaseDoc.on)).toEqual(['push']);
    expect(releaseDoc.on.push).toEqual({ tags: ['v[0-9]+.[0-9]+.[0-9]+'] });
    expect(releaseDoc.jobs.test?.uses).toBe('./.github/workflows/ci.yml');
    expect(releaseDoc.jobs.package?.needs).toBe('test');
  });

  test('checks the tag against package.json, then builds the archives and the feed', () => {
    expect(stepRunning(releaseDoc, 'package', /GITHUB_REF_NAME" != "v\$version"/)).toBeDefined();
    const order = [/npm run package/, /npm run rules -- build/, /npm run rules -- sign --key/, /npm run rules -- verify/].map((command) =>
      steps(releaseDoc, 'package').findIndex((s) => command.test(s.run ?? '')),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  test('the signing key comes from a secret, lives in a private temporary file for that step only, and is never printed', () => {
    const sign = stepRunning(releaseDoc, 'package', /rules -- sign/)!;
    expect(sign.env).toEqual({ FEED_SIGNING_KEY: '${{ secrets.FEED_SIGNING_KEY }}' });
    const script = sign.run ?? '';
    expect(script).toMatch(/umask 077/);
    expect(script).toMatch(/key_file="\$\(mktemp\)"/);
    expect(script).toMatch(/trap 'rm -f "\$key_file"' EXIT/);
    expect(script).toMatch(/rm -f "\$key_file"\s*$/);
    expect(script).not.toMatch(/set -x|echo "?\$FEED_SIGNING_KEY|cat "?\$key_file/);
    // Only this step sees the key.
    const others = Object.values(releaseDoc.jobs).flatMap((j) => j.steps ?? []).filter((s) => s !== sign);
    expect(others.some((s) => JSON.stringify(s).includes('FEED_SIGNING_KEY'))).toBe(false);
  });

  test('verifies with the keys released extensions trust, not an extra --trust', () => {
    expect(stepRunning(releaseDoc, 'package', /rules -- verify/)?.run).toBe('npm run rules -- verify');
  });

  test('publishes rules.json and rules.json.sig to the Pages repository behind the extension\'s feed address', () => {
    const job = releaseDoc.jobs['publish-feed']!;
    expect(job.environment?.url).toBe(DEFAULT_FEED_URL);
    const checkout = steps(releaseDoc, 'publish-feed').find((s) => s.with?.repository !== undefined);
    expect(checkout?.with?.repository).toBe(pagesRepository(DEFAULT_FEED_URL));
    expect(checkout?.with?.token).toBe('${{ secrets.FEED_PAGES_TOKEN }}');
    const publish = stepRunning(releaseDoc, 'publish-feed', /git push/)?.run ?? '';
    expect(publish).toMatch(/cp release\/dist\/feed\/rules\.json release\/dist\/feed\/rules\.json\.sig pages\//);
    expect(stepRunning(releaseDoc, 'publish-feed', /is not higher than the published/)).toBeDefined();
  });

  test('attaches the store archives to the GitHub release, the only job that may write', () => {
    const create = stepRunning(releaseDoc, 'github-release', /gh release create/)?.run ?? '';
    expect(create).toMatch(/release\/artifacts\/\*\.zip/);
    expect(releaseDoc.permissions).toEqual({ contents: 'read' });
    const writers = Object.entries(releaseDoc.jobs).filter(([, j]) => Object.values(j.permissions ?? {}).includes('write')).map(([id]) => id);
    expect(writers).toEqual(['github-release']);
  });

  test('uses exactly the secrets docs/releasing.md describes', () => {
    expect(secretsOf(release)).toEqual(['FEED_PAGES_TOKEN', 'FEED_SIGNING_KEY', 'GITHUB_TOKEN']);
    const doc = readFileSync(new URL('../../docs/releasing.md', import.meta.url), 'utf8');
    for (const name of ['FEED_PAGES_TOKEN', 'FEED_SIGNING_KEY']) expect(doc).toContain(name);
  });
});

describe('pagesRepository', () => {
  test.each([
    ['https://scam-sentinel.github.io/feed/rules.json', 'scam-sentinel/feed'],
    ['https://scam-sentinel.github.io/rules.json', 'scam-sentinel/scam-sentinel.github.io'],
  ])('%s is served by %s', (url, repo) => {
    expect(pagesRepository(url)).toBe(repo);
  });

  test('another host is not GitHub Pages', () => {
    expect(() => pagesRepository('https://cdn.example/rules.json')).toThrow(/not a GitHub Pages address/);
  });
});
