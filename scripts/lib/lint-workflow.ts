// Checks a GitHub Actions workflow without running it (issue 13: the workflows cannot run on the
// development machines): GitHub's own parser and schema (@actions/workflow-parser, the one
// behind the Actions language service) for the structure GitHub requires, then this project's
// rules for safe workflows: permissions declared, every job bounded in time, every step either
// `uses` or `run`, actions pinned to a full commit SHA with the release named in a comment,
// secrets reached only as `${{ secrets.NAME }}` in `env:`/`with:` (never expanded inside a
// script, where they could be echoed or injected), and no event text expanded inside a script.
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parse } from 'yaml';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `owner/repo@<40 hex>` or `owner/repo/path@<40 hex>`, or an action or workflow of this repository. */
const PINNED = /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/;
const LOCAL = /^\.\/[\w./-]+$/;
const SECRET_REF = /\$\{\{\s*secrets\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
/** Text a pull request's author or a tag's creator controls. */
const UNTRUSTED_IN_SCRIPT = /\$\{\{[^}]*\b(github\.event\.|github\.head_ref|inputs\.)/;

/** The GitHub Pages repository that serves `url`: owner.github.io/<repo>/… or the owner's own site. */
export function pagesRepository(url: string): string {
  const { hostname, pathname } = new URL(url);
  const owner = /^([a-z0-9-]+)\.github\.io$/i.exec(hostname)?.[1];
  if (!owner) throw new Error(`${url} is not a GitHub Pages address`);
  const first = pathname.split('/').filter(Boolean);
  return first.length > 1 ? `${owner}/${first[0]}` : `${owner}/${owner}.github.io`;
}

/** Problems found in one workflow file; empty when it passes. */
export function lintWorkflow(name: string, text: string): string[] {
  const parsed = parseWorkflow({ name, content: text }, new NoOperationTraceWriter());
  const problems = parsed.context.errors.getErrors().map((e) => `schema: ${e.message}`);
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    return [...problems, `yaml: ${(e as Error).message}`];
  }
  if (!isRecord(doc)) return [...problems, 'not a mapping'];
  if (!('permissions' in doc)) problems.push('no top-level `permissions`: the token would get the repository default (often write-all)');

  const lines = text.split('\n');
  const jobs = isRecord(doc.jobs) ? doc.jobs : {};
  for (const [id, job] of Object.entries(jobs)) {
    if (!isRecord(job)) continue;
    if (typeof job.uses === 'string') {
      if (!LOCAL.test(job.uses) && !PINNED.test(job.uses)) problems.push(`job ${id}: reusable workflow ${job.uses} is not pinned to a commit SHA`);
      continue;
    }
    if (typeof job['timeout-minutes'] !== 'number') problems.push(`job ${id}: no timeout-minutes (the default is 6 hours)`);
    const steps = Array.isArray(job.steps) ? job.steps : [];
    steps.forEach((step: unknown, i) => {
      if (!isRecord(step)) return;
      const label = `job ${id}, step ${typeof step.name === 'string' ? `"${step.name}"` : i + 1}`;
      const hasUses = typeof step.uses === 'string';
      const hasRun = typeof step.run === 'string';
      if (hasUses === hasRun) problems.push(`${label}: needs exactly one of \`uses\` and \`run\``);
      if (hasUses) {
        const uses = step.uses as string;
        if (!LOCAL.test(uses) && !PINNED.test(uses)) problems.push(`${label}: ${uses} is not pinned to a full commit SHA`);
        else if (PINNED.test(uses) && !lines.some((l) => l.includes(uses) && /#\s*v\d+(\.\d+){0,2}\b/.test(l))) {
          problems.push(`${label}: ${uses} has no "# vX.Y.Z" comment naming the release it pins`);
        }
      }
      if (hasRun) {
        const run = step.run as string;
        if (/\$\{\{\s*secrets\./.test(run)) problems.push(`${label}: a secret is expanded inside the script; pass it through env:`);
        if (UNTRUSTED_IN_SCRIPT.test(run)) problems.push(`${label}: event text is expanded inside the script (injection); pass it through env:`);
      }
    });
  }

  // Secrets only as ${{ secrets.NAME }}: anything else (toJSON(secrets), secrets[...]) exposes them all.
  const mentions = text.match(/\bsecrets\b[.[]?/g)?.length ?? 0;
  const references = [...text.matchAll(SECRET_REF)].length;
  const inComments = lines.filter((l) => /^\s*#/.test(l)).reduce((n, l) => n + (l.match(/\bsecrets\b/g)?.length ?? 0), 0);
  if (mentions - inComments !== references) problems.push('secrets must be referenced only as ${{ secrets.NAME }}');
  return problems;
}

/** The secret names a workflow uses (GITHUB_TOKEN is GitHub's own). */
export function secretsOf(text: string): string[] {
  return [...new Set([...text.matchAll(SECRET_REF)].map((m) => m[1] ?? ''))].sort();
}
