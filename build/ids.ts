/** The extension's fixed ids, named by policy files, tests and the admin kit. */

/** Chrome/Edge id of unpacked and self-hosted builds (from the public key in wxt.config.ts). */
export const CHROME_EXTENSION_ID = 'mdldopdibcfhknkoiamnpainpjgeekej';

/** Firefox id: policies.json (3rdparty → Extensions → id) and storage.managed need it fixed. */
export const GECKO_ID = 'bijsluiter@bijsluiter.nl';
