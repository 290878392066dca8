import { describe, expect, it } from 'vitest';
import { mergeSettings, readSettings } from '../../lib/config/settings';

describe('settings', () => {
  it('managed values win per key and are marked as managed', () => {
    const config = mergeSettings({ registerUrl: 'https://a.example/r.json' }, { registerUrl: 'https://b.example/r.json', publicKeys: ['k'] });
    expect(config.values.registerUrl).toBe('https://a.example/r.json');
    expect(config.sources).toMatchObject({ registerUrl: 'managed', publicKeys: 'local', syncIntervalMinutes: 'default' });
    expect(config.values.syncIntervalMinutes).toBe(360);
    expect(config.values.useBundledCatalog).toBe(true);
  });

  it('ignores a managed value of the wrong type with a recorded reason, keeping the rest', () => {
    const config = mergeSettings(
      { registerUrl: 'https://a.example/r.json', syncIntervalMinutes: '60', publicKeys: '["abc"]', useBundledCatalog: 'no', bogus: 1 },
      { syncIntervalMinutes: 30 },
    );
    expect(config.values.registerUrl).toBe('https://a.example/r.json');
    expect(config.values.syncIntervalMinutes).toBe(30);
    expect(config.values.publicKeys).toBeUndefined();
    expect(config.values.useBundledCatalog).toBe(true);
    const keys = config.problems.map((p) => p.key);
    expect(keys).toEqual(expect.arrayContaining(['syncIntervalMinutes', 'publicKeys', 'useBundledCatalog', 'bogus']));
    expect(config.problems.find((p) => p.key === 'publicKeys')?.reason).toContain('the text "["abc"]" ignored');
  });

  it('refuses http register URLs except on this machine, and intervals outside 15–1440', () => {
    expect(readSettings({ registerUrl: 'http://school.example/r.json' }, 'local').problems[0]?.key).toBe('registerUrl');
    expect(readSettings({ registerUrl: 'http://127.0.0.1:8080/r.json' }, 'local').values.registerUrl).toBe('http://127.0.0.1:8080/r.json');
    expect(readSettings({ syncIntervalMinutes: 5 }, 'managed').problems).toHaveLength(1);
    expect(readSettings({ syncIntervalMinutes: 2000 }, 'managed').problems).toHaveLength(1);
    expect(readSettings('nonsense', 'managed').problems[0]?.reason).toContain('not an object');
  });
});
