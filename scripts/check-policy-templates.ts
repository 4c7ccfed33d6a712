// npm run check-policy-templates: reads every policy template in docs/family-kit/ the way its
// browser would, and checks the managed settings it sets for Scam Sentinel against
// assets/managed_schema.json and parseManaged (scripts/lib/check-policy-templates.ts). Also checks
// the schema itself. Exit code 1 on any problem. tests/unit/policy-templates.test.ts runs it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkManagedSchema, checkPolicyTemplates, type ManagedSchema } from './lib/check-policy-templates';
import { CliError, HELP_OPTION, parseCliArgs, runCli } from './lib/cli-error';
import { extensionIdFromKey } from './lib/extension-id';
import { repoRoot } from './lib/repo-paths';
import { isEntryPoint } from './lib/run-main';

const USAGE = `usage: npm run check-policy-templates
  checks every template in docs/family-kit/ and assets/managed_schema.json; exit code 1 on any problem`;

/** Exported so that the unit test runs it in-process (scripts/lib/run-main.ts). */
export async function main(): Promise<void> {
  if (!parseCliArgs({ options: HELP_OPTION }, USAGE)) return;
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'manifest.json'), 'utf8')) as {
    key: string;
    browser_specific_settings: { gecko: { id: string } };
  };
  const schema = JSON.parse(readFileSync(join(repoRoot, 'assets', 'managed_schema.json'), 'utf8')) as ManagedSchema;
  const chromeId = extensionIdFromKey(manifest.key);
  const geckoId = manifest.browser_specific_settings.gecko.id;
  let failed = false;

  const schemaProblems = checkManagedSchema(schema);
  for (const p of schemaProblems) process.stderr.write(`assets/managed_schema.json: ${p}\n`);
  failed ||= schemaProblems.length > 0;

  for (const report of checkPolicyTemplates(join(repoRoot, 'docs', 'family-kit'), { schema, chromeId, geckoId })) {
    const keys = Object.keys(report.settings).length;
    if (report.problems.length === 0) process.stdout.write(`ok   docs/family-kit/${report.file}: ${keys} managed settings, installs ${report.installs.map((i) => i.id).join(', ')}\n`);
    for (const p of report.problems) process.stderr.write(`FAIL docs/family-kit/${report.file}: ${p}\n`);
    failed ||= report.problems.length > 0;
  }
  process.stdout.write(`extension id (Chrome, Edge): ${chromeId}; Firefox: ${geckoId}\n`);
  if (failed) throw new CliError('the policy templates or the managed schema have problems (listed above)', 1);
}

if (isEntryPoint(import.meta.url)) runCli(main);
