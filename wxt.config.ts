import { defineConfig } from 'wxt';
import { GECKO_ID } from './build/ids';
import { stripUnsafeCode } from './build/strip-unsafe-code';

/**
 * Chrome 137 and Firefox 129 are the first with Ed25519 in WebCrypto, which register checks need
 * (Firefox's floor is 140 for the data collection consent below).
 *
 * Public half of the key that fixes the extension id (mdldopdibcfhknkoiamnpainpjgeekej) for
 * unpacked and self-hosted installs, so policy files can name it. Stores assign their own id.
 */
const EXTENSION_PUBLIC_KEY = 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwywG0TYYlW4IMDHjxsGDZFDMLRgRrGV13gFgmDX2OYAdwQVzal7e+6HkjIHqXAju9fG2eet9jsa8734/Bk/zVqkPMj82QCPYiK9TN9qrTomBaTM3zkuTwScgyjXsMLkv9D40HQ3zO/krwmRT2paG0nZH0Yq5gHY7ZBeN5WQk3YZfiz5CCrqNQ67C/Eawzb/HWkC9Jo4Yi4Lw4hrFWbAwaOa8D0b+vrzPSJ6Ns/3sScj6bi/V++hPT8APR5QbbUEOWTWueqBQzFjcq0pQa6l5QbYDGBscjEak9zK90GgqutyGTipQfFPYyTgmUpyT8J2aq07W8rjDvIsDvWVtGEQvyQIDAQAB';


/** `BIJSLUITER_BENCH=1 wxt build`: the benchmark build, which records badge timings, in .output-bench. */
const bench = process.env.BIJSLUITER_BENCH === '1';

export default defineConfig({
  imports: false,
  outDir: bench ? '.output-bench' : '.output',
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'tabs', 'webNavigation', 'notifications'],
    action: { default_title: '__MSG_extName__', default_icon: { 16: 'icons/16.png', 32: 'icons/32.png', 48: 'icons/48.png' } },
    icons: { 16: 'icons/16.png', 32: 'icons/32.png', 48: 'icons/48.png', 128: 'icons/128.png' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              // 140: the first with built-in data collection consent
              strict_min_version: '140.0',
              // Nothing about browsing is ever sent. Only a vetting request the teacher submits
              // carries their name, e-mail and the tool's site, to the school's own FG; the
              // teacher is asked for this consent when sending the first request.
              data_collection_permissions: { required: ['none'], optional: ['personallyIdentifyingInfo', 'browsingActivity'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : { key: EXTENSION_PUBLIC_KEY, minimum_chrome_version: '137', storage: { managed_schema: 'managed_schema.json' } }),
  }),
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    plugins: [stripUnsafeCode()],
    define: { __BIJSLUITER_BENCH__: JSON.stringify(bench) },
  }),
});
