// npm run check-policy-templates: reads every policy template in docs/family-kit/ the way its
// browser would, and checks the managed settings it sets for Scam Sentinel against
// assets/managed_schema.json and parseManaged (scripts/lib/check-policy-templates.ts). Also checks
// the schema itself. Exit code 1 on any problem. tests/unit/policy-templates.test.ts runs it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkManagedSchema, checkPolicyTemplates, type ManagedSchema } from './lib/check-policy-templates';
import { extensionIdFromKey } from './lib/extension-id';
import { repoRoot } from './lib/repo-paths';

function main(): number {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'manifest.json'), 'utf8')) as {
    key: string;
    browser_specific_settings: { gecko: { id: string } };
  };
  const schema = JSON.parse(readFileSync(join(repoRoot, 'assets', 'managed_schema.json'), 'utf8')) as ManagedSchema;
  const chromeId = extensionIdFromKey(manifest.key);
  const geckoId = manifest.browser_specific_settings.gecko.id;
  let failed = false;

  const schemaProblems = checkManagedSchema(schema);
  for (const p of schemaProblems) console.error(`assets/managed_schema.json: ${p}`);
  failed ||= schemaProblems.length > 0;

  for (const report of checkPolicyTemplates(join(repoRoot, 'docs', 'family-kit'), { schema, chromeId, geckoId })) {
    const keys = Object.keys(report.settings).length;
    if (report.problems.length === 0) console.log(`ok   docs/family-kit/${report.file}: ${keys} managed settings, installs ${report.installs.map((i) => i.id).join(', ')}`);
    for (const p of report.problems) console.error(`FAIL docs/family-kit/${report.file}: ${p}`);
    failed ||= report.problems.length > 0;
  }
  console.log(`extension id (Chrome, Edge): ${chromeId}; Firefox: ${geckoId}`);
  return failed ? 1 : 0;
}

process.exit(main());
