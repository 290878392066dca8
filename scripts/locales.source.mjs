// Source of public/_locales/*/messages.json: one table, both languages side by side, so a key can
// never exist in one language only. `node scripts/locales.source.mjs` rewrites the two files.
import { writeFileSync, mkdirSync } from 'node:fs';

const M = {
  extName: ['Bijsluiter', 'Bijsluiter'],
  extDescription: [
    "Shows in the toolbar whether your school board has a signed processor agreement (verwerkersovereenkomst) for the learning site you are on.",
    'Laat in de werkbalk zien of je schoolbestuur een getekende verwerkersovereenkomst heeft voor de leersite waar je bent.',
  ],
  verdict_none: ['Not a web page', 'Geen webpagina'],
  verdict_unknown: ['Not in the register', 'Niet in het register'],
  verdict_approved: ['Approved', 'Goedgekeurd'],
  verdict_changed: ['Privacy sheet changed', 'Bijsluiter gewijzigd'],
  verdict_expired: ['Agreement expired', 'Overeenkomst verlopen'],
  verdict_stale: ['Register out of date', 'Register verouderd'],
  verdict_pending: ['Being vetted', 'Wordt beoordeeld'],
  verdict_unvetted: ['Not vetted', 'Niet beoordeeld'],
  verdict_rejected: ['Rejected', 'Afgewezen'],
  title_none: ['Bijsluiter', 'Bijsluiter'],
  title_unknown: ["Bijsluiter: this site is not in your school's register", 'Bijsluiter: deze site staat niet in het register van je school'],
  title_approved: ['$1: approved. Your school has a signed verwerkersovereenkomst (processor agreement).', '$1: goedgekeurd. Je school heeft een getekende verwerkersovereenkomst.'],
  title_changed: ['$1: the privacy sheet (bijsluiter) changed since your school signed. Check before use.', '$1: de bijsluiter is gewijzigd sinds je school tekende. Controleer voor gebruik.'],
  title_expired: ["$1: the school's agreement has expired. Do not enter pupils' data.", '$1: de overeenkomst van de school is verlopen. Voer geen leerlinggegevens in.'],
  title_stale: ["$1: approved, but your school's register is out of date. Approval not confirmed.", '$1: goedgekeurd, maar het register van je school is verouderd. Goedkeuring niet bevestigd.'],
  title_pending: ["$1: being vetted by the FG. Do not enter pupils' data yet.", '$1: wordt beoordeeld door de FG. Voer nog geen leerlinggegevens in.'],
  title_unvetted: ["$1: not vetted, no agreement. Do not enter pupils' data.", '$1: niet beoordeeld, geen overeenkomst. Voer geen leerlinggegevens in.'],
  title_rejected: ["$1: rejected by your school. Do not use with pupils' data.", '$1: afgewezen door je school. Niet gebruiken met leerlinggegevens.'],
  thisSite: ['This site', 'Deze site'],
  popup_noRegister: ["Your school has not configured a register yet. Well-known learning sites are flagged as not vetted.", 'Je school heeft nog geen register ingesteld. Bekende leersites worden gemarkeerd als niet beoordeeld.'],
  popup_registerState: ['Register $1, serial $2', 'Register $1, volgnummer $2'],
  popup_lastSync: ['Last updated: $1', 'Laatst bijgewerkt: $1'],
  popup_never: ['never', 'nooit'],
  popup_syncError: ['Last update failed: $1', 'Laatste update mislukt: $1'],
  popup_supplier: ['Supplier: $1', 'Leverancier: $1'],
  popup_openOptions: ['Settings and register', 'Instellingen en register'],
  popup_loading: ['Loading…', 'Laden…'],
  popup_noTab: ['No page to check in this tab.', 'Geen pagina om te controleren in dit tabblad.'],
  options_title: ['Bijsluiter settings', 'Bijsluiter-instellingen'],
  options_settings: ['Settings', 'Instellingen'],
  options_registerUrl: ['Register URL', 'Register-URL'],
  options_publicKeys: ['Public keys (one per line)', 'Publieke sleutels (één per regel)'],
  options_managed: ['Set by your school (policy); read-only.', 'Ingesteld door je school (beleid); alleen-lezen.'],
  options_save: ['Save', 'Opslaan'],
  options_saved: ['Saved.', 'Opgeslagen.'],
  options_test: ['Test connection', 'Verbinding testen'],
  options_testOk: ['OK: register of $1, serial $2, $3 tools, signed by a configured key.', 'OK: register van $1, volgnummer $2, $3 tools, ondertekend met een ingestelde sleutel.'],
  options_testFailed: ['Failed: $1', 'Mislukt: $1'],
  options_health: ['Register health', 'Status van het register'],
  options_syncNow: ['Sync now', 'Nu bijwerken'],
  options_url: ['Address', 'Adres'],
  options_serial: ['Serial', 'Volgnummer'],
  options_publisher: ['Publisher', 'Uitgever'],
  options_issued: ['Issued', 'Uitgegeven'],
  options_expires: ['Expires', 'Verloopt'],
  options_lastAttempt: ['Last attempt', 'Laatste poging'],
  options_lastSuccess: ['Last success', 'Laatste geslaagde update'],
  options_lastError: ['Last error', 'Laatste fout'],
  options_none: ['none', 'geen'],
  options_problems: ['Ignored settings', 'Genegeerde instellingen'],
  options_welcome: ["Welcome to Bijsluiter. Your school's IT admin usually sets the register for you; if not, enter it below.", 'Welkom bij Bijsluiter. Meestal stelt de ICT-beheerder van je school het register in; zo niet, vul het hieronder in.'],
  error_notConfigured: ['No register URL is configured.', 'Er is geen register-URL ingesteld.'],
  'error_not-configured': ['No register configured', 'Geen register ingesteld'],
  'error_bad-url': ['The register address is not https', 'Het registeradres is geen https'],
  'error_no-public-keys': ['No public key configured', 'Geen publieke sleutel ingesteld'],
  'error_bad-public-key': ['A public key is not valid', 'Een publieke sleutel is ongeldig'],
  error_timeout: ['The server did not answer in time', 'De server antwoordde niet op tijd'],
  error_network: ['The server could not be reached', 'De server was niet bereikbaar'],
  'error_http-status': ['The server answered with an error', 'De server gaf een foutmelding'],
  error_redirect: ['The server redirected elsewhere', 'De server stuurde door naar een ander adres'],
  'error_too-large': ['The register is too large', 'Het register is te groot'],
  error_truncated: ['The register arrived incomplete', 'Het register kwam onvolledig binnen'],
  'error_html-page': ['A web page came back instead of the register', 'Er kwam een webpagina terug in plaats van het register'],
  'error_not-json': ['The file is not a register', 'Het bestand is geen register'],
  'error_bad-envelope': ['The file is not a signed register', 'Het bestand is geen ondertekend register'],
  'error_wrong-payload-type': ['The signed content is not a register', 'De ondertekende inhoud is geen register'],
  'error_bad-base64': ['The register is damaged', 'Het register is beschadigd'],
  'error_no-signatures': ['The register is not signed', 'Het register is niet ondertekend'],
  'error_bad-signature': ['The signature does not match a configured key', 'De handtekening past bij geen ingestelde sleutel'],
  'error_payload-not-json': ['The signed content is not readable', 'De ondertekende inhoud is onleesbaar'],
  'error_unsupported-format': ['Unsupported register format', 'Registerformaat niet ondersteund'],
  'error_invalid-register': ['The register contains an error', 'Het register bevat een fout'],
  'error_future-dated': ['The register is dated in the future', 'Het register is in de toekomst gedateerd'],
  error_rollback: ['An older register was offered', 'Er werd een ouder register aangeboden'],
  'error_same-serial-different-content': ['Changed register without a new serial', 'Gewijzigd register zonder nieuw volgnummer'],
  'error_not-modified-without-copy': ['The server said "not modified" but no copy is held', 'De server zei "niet gewijzigd" maar er is geen kopie'],
  error_storage: ['The register could not be stored on this device', 'Het register kon niet worden opgeslagen op dit apparaat'],
};

for (const [index, lang] of ['en', 'nl'].entries()) {
  const out = {};
  for (const [key, texts] of Object.entries(M)) {
    const message = texts[index];
    const entry = { message };
    const count = (message.match(/\$(\d)/g) ?? []).length;
    if (count) {
      entry.placeholders = {};
      for (let i = 1; i <= count; i++) entry.placeholders[`p${i}`] = { content: `$${i}` };
      entry.message = message.replace(/\$(\d)/g, (_, d) => `$P${d}$`);
    }
    out[key.replace(/-/g, '_')] = entry;
  }
  mkdirSync(`public/_locales/${lang}`, { recursive: true });
  writeFileSync(`public/_locales/${lang}/messages.json`, JSON.stringify(out, null, 2) + '\n');
}
