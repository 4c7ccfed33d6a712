// The popup shows findings grouped by scam type, strongest type first; context findings (the
// page reports on fraud) are the engine's business, not a warning, and are left out.
import { SCAM_TYPES, type ScamType } from '../../engine/types';
import type { FindingSummary } from '../../shared/messages';

export interface FindingGroup {
  type: ScamType;
  findings: FindingSummary[];
}

export function groupFindings(findings: readonly FindingSummary[]): FindingGroup[] {
  const groups: FindingGroup[] = [];
  for (const type of SCAM_TYPES) {
    const inType = findings.filter((f) => f.type === type);
    if (inType.length > 0) groups.push({ type, findings: inType });
  }
  return groups.sort((a, b) => b.findings.length - a.findings.length);
}
