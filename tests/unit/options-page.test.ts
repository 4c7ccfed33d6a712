// @vitest-environment happy-dom
// The options page (issue 5) with fake storage and a fake background: each field validated and
// saved, bad values refused with a reason next to the field, policy-locked fields disabled and
// labelled, the PIN lock keeping everything shut until the right PIN, and the unlock page.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { hashPin, PIN_ITERATIONS } from '../../src/shared/pin';
import { readSettings, trustMode, type StorageArea } from '../../src/shared/read-settings';
import { initialStatus } from '../../src/shared/rules-status';
import { defaultSettings, PIN_STORAGE_KEY, SETTINGS_STORAGE_KEY, type Settings } from '../../src/shared/settings';
import { renderOptions, type OptionsDeps } from '../../src/ui/options/render-options';
import { renderUnlock } from '../../src/ui/unlock/render-unlock';

const en = JSON.parse(readFileSync('assets/_locales/en/messages.json', 'utf8')) as Record<string, { message: string }>;
const t = (name: string): string => en[name]?.message ?? '';
const flush = () => new Promise((r) => setTimeout(r, 0));

function area(values: Record<string, unknown>): StorageArea & { values: Record<string, unknown> } {
  return {
    values,
    get: async (keys) => (keys === null ? { ...values } : Object.fromEntries((Array.isArray(keys) ? keys : [keys]).filter((k) => k in values).map((k) => [k, structuredClone(values[k])]))),
  };
}

async function page(local: Record<string, unknown> = {}, managed: Record<string, unknown> = {}, pinOk = '2468') {
  const localArea = area(local);
  const managedArea = area(managed);
  const saved: Settings[] = [];
  const downloads: string[] = [];
  const deps: OptionsDeps = {
    t,
    locale: 'en-GB',
    timeZone: 'Europe/London',
    load: () => readSettings(localArea, managedArea),
    save: async (s) => {
      saved.push(s);
      localArea.values[SETTINGS_STORAGE_KEY] = s;
    },
    verifyPin: async (pin) => (pin === pinOk ? { ok: true, waitMs: 0 } : { ok: false, waitMs: 30_000 }),
    setPin: async (pin) => {
      localArea.values[PIN_STORAGE_KEY] = { pin };
    },
    removePin: async () => {
      delete localArea.values[PIN_STORAGE_KEY];
    },
    rulesStatus: async () => initialStatus(1),
    updateNow: async () => initialStatus(1),
    download: (_name, text) => downloads.push(text),
  };
  const root = document.createElement('main');
  document.body.replaceChildren(root);
  await renderOptions(root, deps);
  await flush();
  return { root, saved, downloads, localArea };
}

const byLabel = (root: HTMLElement, text: string): HTMLInputElement => {
  const label = [...root.querySelectorAll('label')].find((l) => l.textContent?.startsWith(text));
  if (!label) throw new Error(`no label ${text}`);
  return root.querySelector(`#${label.htmlFor}`) as HTMLInputElement;
};

describe('options page', () => {
  test('region, sensitivity and senior mode are saved as chosen; the hotline follows the region', async () => {
    const { root, saved } = await page();
    const region = byLabel(root, t('options_region')) as unknown as HTMLSelectElement;
    expect(root.querySelector('.hotline-preview')?.textContent).toContain('Action Fraud');
    region.value = 'TW';
    region.dispatchEvent(new Event('change'));
    await flush();
    expect(saved.at(-1)?.region).toBe('TW');
    expect(root.querySelector('.hotline-preview')?.textContent).toContain('165');
    const strict = [...root.querySelectorAll<HTMLInputElement>('input[name="sensitivity"]')].find((r) => r.value === 'strict')!;
    strict.checked = true;
    strict.dispatchEvent(new Event('change'));
    const senior = byLabel(root, t('options_senior_mode'));
    senior.checked = true;
    senior.dispatchEvent(new Event('change'));
    await flush();
    expect(saved.at(-1)).toMatchObject({ region: 'TW', sensitivity: 'strict', seniorMode: true });
    expect(root.querySelector('.save-status')?.textContent).toBe(t('options_saved'));
  });

  test('a bad phone number is refused with the reason next to the field; a good one is saved', async () => {
    const { root, saved } = await page();
    const name = byLabel(root, t('options_contact_name'));
    const phone = byLabel(root, t('options_contact_phone'));
    name.value = 'Mei';
    phone.value = 'call me maybe';
    phone.form!.dispatchEvent(new Event('submit'));
    await flush();
    await flush();
    const error = root.querySelector(`#${phone.getAttribute('aria-describedby')!.split(' ').at(-1)!}`);
    expect(error?.textContent).toBe(t('problem_invalid_phone'));
    expect(saved.at(-1)?.familyContact.phone ?? '').toBe('');
    phone.value = '+86 138 0013 8000';
    phone.form!.dispatchEvent(new Event('submit'));
    await flush();
    await flush();
    expect(saved.at(-1)?.familyContact).toEqual({ name: 'Mei', phone: '+86 138 0013 8000' });
  });

  test('trusted sites: listed, removable, and added by hand only when they are host names', async () => {
    const { root, saved } = await page({ [SETTINGS_STORAGE_KEY]: { ...defaultSettings(), allowlist: ['shop.example', 'bank.example'] } });
    expect([...root.querySelectorAll('.trusted-list .host')].map((h) => h.textContent)).toEqual(['shop.example', 'bank.example']);
    root.querySelector<HTMLButtonElement>('button[aria-label="Remove shop.example"]')!.click();
    await flush();
    expect(saved.at(-1)?.allowlist).toEqual(['bank.example']);
    const add = byLabel(root, t('options_add_site_label'));
    add.value = 'not a site';
    add.form!.dispatchEvent(new Event('submit'));
    await flush();
    expect(root.textContent).toContain(t('problem_invalid_host'));
    add.value = 'https://News.Example/path';
    add.form!.dispatchEvent(new Event('submit'));
    await flush();
    expect(saved.at(-1)?.allowlist).toEqual(['bank.example', 'news.example']);
  });

  test('fields set by policy are disabled and say who set them; the rest stay editable', async () => {
    const { root } = await page({}, { region: 'CN', seniorMode: true, disableAllowlist: true });
    const region = byLabel(root, t('options_region')) as unknown as HTMLSelectElement;
    expect(region.disabled).toBe(true);
    expect(region.value).toBe('CN');
    const note = root.querySelector(`#${region.getAttribute('aria-describedby')}`);
    expect(note?.textContent).toBe(`🔒 ${t('options_set_by_policy')}`);
    expect(byLabel(root, t('options_senior_mode')).disabled).toBe(true);
    expect(byLabel(root, t('options_add_site_label')).disabled).toBe(true);
    expect(byLabel(root, t('options_contact_name')).disabled).toBe(false);
    expect(root.textContent).toContain(t('options_allowlist_disabled'));
  });

  test('a damaged store and bad policy values are named with their reasons, never dropped silently', async () => {
    const { root } = await page({ [SETTINGS_STORAGE_KEY]: { schemaVersion: 1, region: 'Atlantis', sensitivity: 'standard', seniorMode: 'yes' } }, { sensitivity: 'paranoid', surprise: 1 });
    const alerts = [...root.querySelectorAll('.problems[role="alert"]')].map((a) => a.textContent ?? '');
    expect(alerts).toHaveLength(2);
    expect(alerts[0]).toContain(t('options_store_problems'));
    expect(alerts[0]).toContain(`${t('options_region')}: ${t('problem_not_allowed')}`);
    expect(alerts[0]).toContain(`${t('options_senior_mode')}: ${t('problem_wrong_type')}`);
    expect(alerts[1]).toContain(`sensitivity: ${t('problem_not_allowed')}`);
    expect(alerts[1]).toContain(`surprise: ${t('problem_unknown_key')}`);
    // And the page still works on the defaults.
    expect((byLabel(root, t('options_region')) as unknown as HTMLSelectElement).value).toBe('auto');
  });

  test('a policy that switches the lock on without a PIN asks for one', async () => {
    const { root } = await page({}, { lockSettings: true });
    expect(root.querySelector('.policy-needs-pin')?.textContent).toBe(`⚠ ${t('options_policy_needs_pin')}`);
    expect(byLabel(root, t('options_choose_pin')).disabled).toBe(false);
  });

  test('with the lock on, nothing can be changed until the right PIN; a wrong one says how long to wait', async () => {
    const record = await hashPin('2468');
    expect(record.iterations).toBe(PIN_ITERATIONS);
    const { root } = await page({ [SETTINGS_STORAGE_KEY]: { ...defaultSettings(), lock: true }, [PIN_STORAGE_KEY]: record });
    expect(root.dataset.unlocked).toBe('false');
    expect((byLabel(root, t('options_region')) as unknown as HTMLSelectElement).disabled).toBe(true);
    const pin = byLabel(root, t('options_enter_pin'));
    pin.value = '1111';
    pin.form!.dispatchEvent(new Event('submit'));
    await flush();
    expect(root.textContent).toContain(`${t('pin_wrong')} ${t('pin_wait')} 30 ${t('pin_seconds')}`);
    byLabel(root, t('options_enter_pin')).value = '2468';
    byLabel(root, t('options_enter_pin')).form!.dispatchEvent(new Event('submit'));
    await flush();
    expect(root.dataset.unlocked).toBe('true');
    expect((byLabel(root, t('options_region')) as unknown as HTMLSelectElement).disabled).toBe(false);
  }, 20_000);

  test('setting a PIN turns the lock on; a guessable PIN is refused', async () => {
    const { root, saved, localArea } = await page();
    const choose = byLabel(root, t('options_choose_pin'));
    choose.value = '1234';
    choose.form!.dispatchEvent(new Event('submit'));
    await flush();
    expect(root.textContent).toContain(t('pin_problem_guessable'));
    byLabel(root, t('options_choose_pin')).value = '8052';
    byLabel(root, t('options_choose_pin')).form!.dispatchEvent(new Event('submit'));
    await flush();
    await flush();
    expect(localArea.values[PIN_STORAGE_KEY]).toEqual({ pin: '8052' });
    expect(saved.at(-1)?.lock).toBe(true);
  });

  test('export writes the settings without the PIN; a hostile import file changes nothing', async () => {
    const { root, downloads, saved } = await page({ [SETTINGS_STORAGE_KEY]: { ...defaultSettings(), region: 'SG' }, [PIN_STORAGE_KEY]: await hashPin('2468') });
    [...root.querySelectorAll('button')].find((b) => b.textContent === t('options_export'))!.click();
    expect(JSON.parse(downloads[0]!)).toMatchObject({ format: 'scam-sentinel-settings', settings: { region: 'SG' } });
    expect(downloads[0]).not.toContain('hash');
    const input = byLabel(root, t('options_import'));
    Object.defineProperty(input, 'files', { value: [new File(['{"format":"other"}'], 'x.json')] });
    input.dispatchEvent(new Event('change'));
    await new Promise((r) => setTimeout(r, 20));
    expect(saved).toHaveLength(0);
    expect(root.querySelector('.save-status')?.textContent).toContain(t('options_import_failed'));
  });
});

describe('trust mode', () => {
  const inForce = (settings: Partial<Settings>, pinSet: boolean) => ({ settings: { ...defaultSettings(), ...settings }, pinSet, pinRequired: (settings.lock ?? false) && pinSet });
  test.each([
    [{}, false, 'direct'],
    [{ lock: true }, false, 'direct'],
    [{ lock: true }, true, 'pin'],
    [{ seniorMode: true }, true, 'pin'],
    [{ seniorMode: true }, false, 'hidden'],
    [{ hideProceedAnyway: true }, true, 'hidden'],
    [{ disableAllowlist: true }, false, 'hidden'],
  ] as const)('%j with PIN set=%s → %s', (settings, pinSet, mode) => {
    expect(trustMode(inForce(settings, pinSet))).toBe(mode);
  });
});

describe('unlock page', () => {
  test('asks for the PIN on an extension page, warns who may be behind the request, and closes on success', async () => {
    const root = document.createElement('main');
    const tries: string[] = [];
    let closed = false;
    renderUnlock(root, 'Scam.Example', { t, trust: async (host, pin) => { tries.push(`${host}:${pin}`); return pin === '2468' ? { ok: true, waitMs: 0 } : { ok: false, waitMs: 0 }; }, close: () => { closed = true; } });
    expect(root.querySelector('.host')?.textContent).toBe('scam.example');
    expect(root.textContent).toContain(t('unlock_scam_warning'));
    const input = root.querySelector<HTMLInputElement>('#pin')!;
    expect(input.type).toBe('password');
    input.value = '0000';
    root.querySelector('form')!.dispatchEvent(new Event('submit'));
    await flush();
    expect(root.querySelector('[role="status"]')?.textContent).toBe(t('pin_wrong'));
    input.value = '2468';
    root.querySelector('form')!.dispatchEvent(new Event('submit'));
    await flush();
    expect(tries).toEqual(['scam.example:0000', 'scam.example:2468']);
    expect(root.textContent).toContain(t('unlock_done'));
    await new Promise((r) => setTimeout(r, 1600));
    expect(closed).toBe(true);
  });

  test('a missing or malformed site is refused', () => {
    const root = document.createElement('main');
    renderUnlock(root, 'javascript:alert(1)', { t, trust: async () => ({ ok: true, waitMs: 0 }), close: () => undefined });
    expect(root.textContent).toContain(t('unlock_no_site'));
    expect(root.querySelector('form')).toBeNull();
  });
});

test('every settings problem code has a message in every locale', () => {
  const source = readFileSync('src/shared/settings.ts', 'utf8');
  const block = /export type ProblemCode =([^;]+);/.exec(source)![1]!;
  const codes = [...block.matchAll(/'([a-z-]+)'/g)].map((m) => m[1]!);
  expect(codes.length).toBeGreaterThan(10);
  for (const locale of ['en', 'zh_CN', 'zh_TW']) {
    const messages = JSON.parse(readFileSync(`assets/_locales/${locale}/messages.json`, 'utf8')) as Record<string, unknown>;
    for (const code of codes) expect(messages[`problem_${code.replace(/-/g, '_')}`], `${locale} ${code}`).toBeDefined();
  }
});
