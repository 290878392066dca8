// @vitest-environment node
/** The admin kit's examples stay valid: every setting in them passes the extension's own checks. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHROME_EXTENSION_ID, GECKO_ID } from '../../build/ids';
import { readSettings, SETTING_KEYS } from '../../lib/config/settings';

const read = (file: string) => JSON.parse(readFileSync(`docs/deploy/${file}`, 'utf8'));

describe('docs/deploy examples', () => {
  it('Google Admin JSON: every key known and valid once unwrapped from {"Value": …}', () => {
    const json = read('google-admin-policy-for-extensions.json') as Record<string, { Value: unknown }>;
    const values = Object.fromEntries(Object.entries(json).map(([k, v]) => [k, v.Value]));
    expect(readSettings(values, 'managed').problems).toEqual([]);
    expect(Object.keys(values).sort()).toEqual([...SETTING_KEYS].sort());
  });
  it('Chromium policy file and Firefox policies.json name the right ids and valid settings', () => {
    const chromium = read('chromium-linux-policy.json');
    expect(readSettings(chromium['3rdparty'].extensions[CHROME_EXTENSION_ID], 'managed').problems).toEqual([]);
    expect(chromium.ExtensionSettings[CHROME_EXTENSION_ID].toolbar_pin).toBe('force_pinned');
    const firefox = read('firefox-policies.json');
    expect(readSettings(firefox.policies['3rdparty'].Extensions[GECKO_ID], 'managed').problems).toEqual([]);
    expect(firefox.policies.ExtensionSettings[GECKO_ID].installation_mode).toBe('force_installed');
  });
  it('registry files use the id, pin the toolbar and type numbers as DWORD', () => {
    for (const [file, pin] of [['chrome-windows.reg', 'toolbar_pin'], ['edge-windows.reg', 'toolbar_state']] as const) {
      const text = readFileSync(`docs/deploy/${file}`, 'utf8');
      expect(text).toContain(`3rdparty\\extensions\\${CHROME_EXTENSION_ID}\\policy]`);
      expect(text).toContain(pin);
      expect(text).toMatch(/"syncIntervalMinutes"=dword:00000168/);
      expect(text).toMatch(/policy\\publicKeys]\r?\n"1"="/);
    }
  });
});
