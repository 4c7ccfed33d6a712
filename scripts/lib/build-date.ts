// The date a build stamps on the bundled rules (shown as their age in the popup and the options
// page). Reproducible: SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/)
// when set, as the release workflow and an AMO reviewer rebuilding from the source archive do;
// else the time of the last commit, so two builds of one commit are identical; else now.
import { spawnSync } from 'node:child_process';
import { repoRoot } from './repo-paths.js';

export interface BuildDate {
  /** ISO 8601. */
  iso: string;
  /** Seconds since the epoch: the SOURCE_DATE_EPOCH that rebuilds the same files. */
  epoch: number;
  from: 'SOURCE_DATE_EPOCH' | 'last commit' | 'now';
}

/** Pure: the build date from the environment's value, git's answer and the clock. */
export function chooseBuildDate(sourceDateEpoch: string | undefined, lastCommitEpoch: string | null, nowMs: number): BuildDate {
  const at = (epoch: number, from: BuildDate['from']): BuildDate => ({ iso: new Date(epoch * 1000).toISOString(), epoch, from });
  if (sourceDateEpoch !== undefined && sourceDateEpoch !== '') {
    if (!/^\d{1,12}$/.test(sourceDateEpoch)) throw new Error(`SOURCE_DATE_EPOCH must be whole seconds since 1970, got ${sourceDateEpoch}`);
    return at(Number(sourceDateEpoch), 'SOURCE_DATE_EPOCH');
  }
  const commit = lastCommitEpoch?.trim() ?? '';
  if (/^\d{1,12}$/.test(commit)) return at(Number(commit), 'last commit');
  return at(Math.floor(nowMs / 1000), 'now');
}

function lastCommitEpoch(): string | null {
  const git = spawnSync('git', ['log', '-1', '--format=%ct'], { cwd: repoRoot, encoding: 'utf8' });
  return git.status === 0 ? git.stdout : null;
}

export function buildDate(): BuildDate {
  return chooseBuildDate(process.env.SOURCE_DATE_EPOCH, lastCommitEpoch(), Date.now());
}
