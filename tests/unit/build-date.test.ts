// The date the build stamps on the bundled rules (scripts/lib/build-date.ts): reproducible, so an
// AMO reviewer who rebuilds from the source archive gets the same files.
import { describe, expect, test } from 'vitest';
import { chooseBuildDate } from '../../scripts/lib/build-date';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 30);

describe('chooseBuildDate', () => {
  test.each([
    ['SOURCE_DATE_EPOCH wins over git and the clock', '1767225600', '1700000000\n', { iso: '2026-01-01T00:00:00.000Z', epoch: 1767225600, from: 'SOURCE_DATE_EPOCH' }],
    ['else the last commit', undefined, '1700000000\n', { iso: '2023-11-14T22:13:20.000Z', epoch: 1700000000, from: 'last commit' }],
    ['an empty SOURCE_DATE_EPOCH is unset', '', '1700000000', { iso: '2023-11-14T22:13:20.000Z', epoch: 1700000000, from: 'last commit' }],
    ['else now, to the second', undefined, null, { iso: '2026-11-23T12:00:30.000Z', epoch: NOW / 1000, from: 'now' }],
    ['git printing nothing useful counts as no git', undefined, 'fatal: not a git repository', { iso: '2026-11-23T12:00:30.000Z', epoch: NOW / 1000, from: 'now' }],
  ] as const)('%s', (_name, env, git, expected) => {
    expect(chooseBuildDate(env, git, NOW)).toEqual(expected);
  });

  test('a SOURCE_DATE_EPOCH that is not whole seconds is an error, not a silent "now"', () => {
    expect(() => chooseBuildDate('2026-01-01', null, NOW)).toThrow(/SOURCE_DATE_EPOCH/);
  });
});
