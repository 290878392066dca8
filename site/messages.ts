/**
 * The public site's own words in English and Dutch, side by side so a key can never exist in one
 * language only. The privacy sheet, agreement, conditions and alternatives use the extension's
 * messages (public/_locales), so they read exactly as in the popup. Written for parents and for
 * teachers without the extension: "we" is the school board.
 */
export type SiteLang = 'nl' | 'en';
export const SITE_LANGS: readonly SiteLang[] = ['nl', 'en'];

const M = {
  langName: ['English', 'Nederlands'],
  langSwitch: ['Language', 'Taal'],
  skipToContent: ['Skip to content', 'Naar de inhoud'],
  indexTitle: ['Digital learning tools of $1', 'Digitale leermiddelen van $1'],
  indexIntro: [
    'The digital learning tools that $1 has looked at: which ones schools may use with pupils\' data, under which agreement (verwerkersovereenkomst), and what each tool does with that data (its privacy sheet, bijsluiter). A tool that is not on this list has not been vetted.',
    'De digitale leermiddelen die $1 heeft bekeken: welke scholen met gegevens van leerlingen mogen gebruiken, onder welke verwerkersovereenkomst, en wat elke tool met die gegevens doet (de privacybijsluiter). Een tool die niet op deze lijst staat, is niet beoordeeld.',
  ],
  indexUpdated: ['This list was published on $1.', 'Deze lijst is gepubliceerd op $1.'],
  onThisPage: ['On this page', 'Op deze pagina'],
  searchHint: ['Looking for a tool? Use your browser\'s find (Ctrl+F, or ⌘F on a Mac): every tool is listed here with its name and web addresses.', 'Zoekt u een tool? Gebruik Zoeken in uw browser (Ctrl+F, of ⌘F op een Mac): elke tool staat hier met naam en webadressen.'],
  filterLabel: ['Show only tools whose name, supplier or web address contains', 'Toon alleen tools waarvan naam, leverancier of webadres bevat'],
  filterCount: ['$1 of $2 tools shown', '$1 van $2 tools getoond'],
  filterNone: ['No tool matches. A tool that is not on this list has not been vetted.', 'Geen tool gevonden. Een tool die niet op deze lijst staat, is niet beoordeeld.'],
  group_approved: ['Approved', 'Goedgekeurd'],
  group_pending: ['Being vetted', 'Wordt beoordeeld'],
  group_rejected: ['Rejected', 'Afgewezen'],
  group_unvetted: ['Not vetted: do not use with pupils\' data', 'Niet beoordeeld: niet gebruiken met gegevens van leerlingen'],
  groupIntro_approved: ['A processor agreement is signed. Schools use these tools under the conditions shown.', 'Er is een verwerkersovereenkomst getekend. Scholen gebruiken deze tools onder de genoemde voorwaarden.'],
  groupIntro_pending: ['The FG is vetting these tools. Until they are approved, pupils\' data is not entered in them.', 'De FG beoordeelt deze tools. Tot ze zijn goedgekeurd, worden er geen gegevens van leerlingen in ingevoerd.'],
  groupIntro_rejected: ['These tools may not be used with pupils\' data, for the reason given.', 'Deze tools mogen niet met gegevens van leerlingen worden gebruikt, om de genoemde reden.'],
  groupIntro_unvetted: ['Known tools without an agreement. Pupils\' data is not entered in them; an approved alternative is named where there is one.', 'Bekende tools zonder overeenkomst. Er worden geen gegevens van leerlingen in ingevoerd; waar er een goedgekeurd alternatief is, staat het erbij.'],
  groupEmpty: ['None.', 'Geen.'],
  toolCount: ['$1 tools', '$1 tools'],
  toolCountOne: ['1 tool', '1 tool'],
  supplier: ['Supplier: $1', 'Leverancier: $1'],
  sites: ['Web addresses', 'Webadressen'],
  conditions: ['Conditions of use', 'Voorwaarden voor gebruik'],
  agreementUntil: ['Agreement signed on $1, valid until $2.', 'Overeenkomst getekend op $1, geldig tot $2.'],
  agreementSigned: ['Agreement signed on $1.', 'Overeenkomst getekend op $1.'],
  agreementEnded: ['The agreement ended on $1: pupils\' data is not entered until it is renewed.', 'De overeenkomst is op $1 afgelopen: er worden geen gegevens van leerlingen ingevoerd tot die verlengd is.'],
  sheetChanged: ['The supplier changed its privacy sheet (now version $1, signed: version $2). Important changes apply only after the school accepts them.', 'De leverancier heeft de bijsluiter gewijzigd (nu versie $1, getekend: versie $2). Belangrijke wijzigingen gelden pas als de school ze accepteert.'],
  reason: ['Reason: $1', 'Reden: $1'],
  instead: ['Use instead', 'Gebruik in plaats daarvan'],
  moreAbout: ['Privacy sheet and details', 'Bijsluiter en details'],
  outsideEeaShort: ['Data also goes outside the EEA: $1', 'Gegevens gaan ook buiten de EER: $1'],
  specialShort: ['Processes special personal data', 'Verwerkt bijzondere persoonsgegevens'],
  backToList: ['All tools', 'Alle tools'],
  status: ['Status', 'Status'],
  statusAdvice_approved: ['A processor agreement is signed: the tool may be used with pupils\' data, under the conditions of use.', 'Er is een verwerkersovereenkomst getekend: de tool mag met gegevens van leerlingen worden gebruikt, onder de voorwaarden voor gebruik.'],
  statusAdvice_pending: ['The FG is vetting this tool. Until it is approved, pupils\' data is not entered in it.', 'De FG beoordeelt deze tool. Tot hij is goedgekeurd, worden er geen gegevens van leerlingen in ingevoerd.'],
  statusAdvice_rejected: ['This tool may not be used with pupils\' data.', 'Deze tool mag niet met gegevens van leerlingen worden gebruikt.'],
  statusAdvice_unvetted: ['There is no agreement for this tool: it is not used with pupils\' data.', 'Er is geen overeenkomst voor deze tool: hij wordt niet met gegevens van leerlingen gebruikt.'],
  changesLink: ['What changed', 'Wat is er veranderd'],
  feedLink: ['Subscribe to changes (Atom feed)', 'Abonneren op wijzigingen (Atom-feed)'],
  changesTitle: ['What changed in the list of $1', 'Wat is er veranderd in de lijst van $1'],
  changesIntro: ['Each time the FG publishes a new list, its number goes up. Here is what changed between lists: tools added and removed, decisions changed, and the important changes ($1: more personal data, new purposes, a new subprocessor or country) that the school must accept before they apply.', 'Elke keer dat de FG een nieuwe lijst publiceert, krijgt die een hoger nummer. Hier staat wat er tussen de lijsten is veranderd: tools erbij en eraf, gewijzigde besluiten, en de belangrijke wijzigingen ($1: meer persoonsgegevens, nieuwe doelen, een nieuwe subverwerker of een nieuw land) die de school moet accepteren voordat ze gelden.'],
  changesNoPrevious: ['No earlier list was given when this site was made, so there is nothing to compare with. This is list $1, published on $2.', 'Bij het maken van deze site was er geen eerdere lijst, dus er is niets om mee te vergelijken. Dit is lijst $1, gepubliceerd op $2.'],
  changesBetween: ['List $1 ($2) compared with list $3 ($4)', 'Lijst $1 ($2) vergeleken met lijst $3 ($4)'],
  changesFirst: ['List $1 ($2): the first list here', 'Lijst $1 ($2): de eerste lijst hier'],
  changesNone: ['Nothing changed for parents and teachers.', 'Niets veranderd voor ouders en leerkrachten.'],
  added: ['Added', 'Toegevoegd'],
  addedItem: ['$1: $2', '$1: $2'],
  removed: ['Removed', 'Verwijderd'],
  removedItem: ['$1 (was: $2)', '$1 (was: $2)'],
  statusChanges: ['Decision changed', 'Besluit gewijzigd'],
  statusChangeItem: ['$1: $2 → $3', '$1: $2 → $3'],
  importantChanges: ['Important changes ($1)', 'Belangrijke wijzigingen ($1)'],
  importantIntro: ['The supplier made these changes; they apply only once the school has accepted them.', 'De leverancier heeft deze wijzigingen gedaan; ze gelden pas als de school ze heeft geaccepteerd.'],
  otherChanges: ['Other details changed (dates, versions, web addresses)', 'Andere gegevens gewijzigd (data, versies, webadressen)'],
  imp_personalData: ['more personal data: $1', 'meer persoonsgegevens: $1'],
  imp_optionalData: ['more optional personal data: $1', 'meer optionele persoonsgegevens: $1'],
  imp_specialData: ['more special personal data: $1', 'meer bijzondere persoonsgegevens: $1'],
  imp_purposes: ['new purposes: $1', 'nieuwe doelen: $1'],
  imp_newSub: ['new subprocessor: $1 in $2', 'nieuwe subverwerker: $1 in $2'],
  imp_newSubTask: ['new subprocessor: $1 ($2) in $3', 'nieuwe subverwerker: $1 ($2) in $3'],
  imp_subMoved: ['subprocessor $1 moved from $2 to $3', 'subverwerker $1 verhuisd van $2 naar $3'],
  imp_storage: ['new country of storage: $1', 'nieuw land van opslag: $1'],
  imp_processing: ['new country of processing: $1', 'nieuw land van verwerking: $1'],
  outsideEeaMark: ['$1, outside the EEA', '$1, buiten de EER'],
  signedBy: ['This list is signed by $1; published on $2; list number (serial) $3; key fingerprint $4.', 'Deze lijst is ondertekend door $1; gepubliceerd op $2; lijstnummer (serial) $3; vingerafdruk van de sleutel $4.'],
  signedHow: ['The signature (Ed25519) is checked when this site is made; the Bijsluiter browser extension checks the same signature.', 'De handtekening (Ed25519) is gecontroleerd bij het maken van deze site; de Bijsluiter-browserextensie controleert dezelfde handtekening.'],
  questions: ['Questions about privacy? The $2: $1', 'Vragen over privacy? De $2: $1'],
  moreInfo: ['More about privacy at $1', 'Meer over privacy bij $1'],
  feedTitle: ['Changes in the digital learning tools of $1', 'Wijzigingen in de digitale leermiddelen van $1'],
  feedEntryTitle: ['List $1 published on $2', 'Lijst $1 gepubliceerd op $2'],
  feedSummaryCounts: ['$1 added, $2 removed, $3 decisions changed, $4 tools with important changes.', '$1 toegevoegd, $2 verwijderd, $3 besluiten gewijzigd, $4 tools met belangrijke wijzigingen.'],
  feedSummaryFirst: ['The first list here: $1 tools.', 'De eerste lijst hier: $1 tools.'],
  snippetLead: ['Which digital learning tools do we use?', 'Welke digitale leermiddelen gebruiken wij?'],
  snippetText: ['$1 keeps a signed list of the digital learning tools its schools use: $2 approved, $3 being vetted, $4 rejected. For each tool you can read which personal data it processes, for which purposes and in which countries.', '$1 houdt een ondertekende lijst bij van de digitale leermiddelen die de scholen gebruiken: $2 goedgekeurd, $3 in beoordeling, $4 afgewezen. Per tool leest u welke persoonsgegevens worden verwerkt, waarvoor en in welke landen.'],
  snippetLink: ['See the list of digital learning tools', 'Bekijk de lijst van digitale leermiddelen'],
  snippetUpdated: ['(updated $1)', '(bijgewerkt op $1)'],
} as const satisfies Record<string, readonly [string, string]>;

export type SiteKey = keyof typeof M;

/** `key` in `lang` with `$1`, `$2`… filled in. */
export function siteText(lang: SiteLang, key: SiteKey, ...subs: (string | number)[]): string {
  const text = M[key][lang === 'en' ? 0 : 1];
  return text.replace(/\$(\d)/g, (whole, n: string) => (subs[Number(n) - 1] !== undefined ? String(subs[Number(n) - 1]) : whole));
}
