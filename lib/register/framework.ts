/**
 * The agreement framework a privacy sheet follows, and everything that depends on it: which
 * purpose letters exist, which article governs important changes, how the framework and the
 * data protection officer are named. The one table for this; the schema, the CLI, the console,
 * the popup and the public site all ask here.
 *
 * - `convenant-4.0`: the Dutch Convenant Digitale Onderwijsmiddelen en Privacy 4.0, purposes a–u
 *   of art. 5 lid 2; important changes under art. 13.3 of the model agreement.
 * - `intentieverklaring`: the Flemish Intentieverklaring Privacy in Digitale Onderwijsmiddelen,
 *   purposes a–h of art. 5; important changes under art. 9.2.
 *
 * Pure: no imports, so the schema can use it without a cycle.
 */

export const FRAMEWORKS = ['convenant-4.0', 'intentieverklaring'] as const;
export type Framework = (typeof FRAMEWORKS)[number];
/** A register or sheet that names no framework follows the Convenant (format v1 as it was). */
export const DEFAULT_FRAMEWORK: Framework = 'convenant-4.0';

export type Lang = 'nl' | 'en';

interface FrameworkFacts {
  /** The purpose letters, in order. */
  letters: readonly string[];
  /** The article for important changes (re-acceptance before they apply). */
  article: 'art. 13.3' | 'art. 9.2';
  /** The article with the document it is in, for a sentence. */
  articleSource: Record<Lang, string>;
  /** The framework's short name, e.g. in "(purposes a–h of the Intentieverklaring)". */
  name: Record<Lang, string>;
  /** The extension message key of the heading over the purposes in section C of a sheet. */
  purposesHeadingKey: 'sheet_purposes' | 'sheet_purposes_iv';
  /** How the data protection officer is called, unless the register says otherwise. */
  fgTitle: Record<Lang, string>;
  /** The short word in running text ("Ask the FG…"). */
  officerWord: string;
  /** Prefix of the extension message keys for the purposes' words: `${prefix}${letter}`. */
  messagePrefix: string;
}

const FACTS: Record<Framework, FrameworkFacts> = {
  'convenant-4.0': {
    letters: 'abcdefghijklmnopqrstu'.split(''),
    article: 'art. 13.3',
    articleSource: { en: 'art. 13.3 of the model processor agreement', nl: 'art. 13.3 van de model-verwerkersovereenkomst' },
    name: { en: 'Convenant 4.0', nl: 'Convenant 4.0' },
    purposesHeadingKey: 'sheet_purposes',
    fgTitle: { en: 'FG (data protection officer)', nl: 'FG (functionaris gegevensbescherming)' },
    officerWord: 'FG',
    messagePrefix: 'purpose_',
  },
  intentieverklaring: {
    letters: 'abcdefgh'.split(''),
    article: 'art. 9.2',
    articleSource: { en: 'art. 9.2 of the Intentieverklaring', nl: 'art. 9.2 van de Intentieverklaring' },
    name: { en: 'Intentieverklaring', nl: 'Intentieverklaring' },
    purposesHeadingKey: 'sheet_purposes_iv',
    fgTitle: { en: 'data protection officer (DPO)', nl: 'DPO (functionaris voor gegevensbescherming)' },
    officerWord: 'DPO',
    messagePrefix: 'purpose_iv_',
  },
};

/** True for a known framework id. */
export function isFramework(value: unknown): value is Framework {
  return typeof value === 'string' && (FRAMEWORKS as readonly string[]).includes(value);
}

/** The framework a sheet follows: the sheet's own `framework`, else the publisher's, else the Convenant. */
export function sheetFramework(publisher: { framework?: Framework | null } | null | undefined, sheet: { framework?: Framework | null } | null | undefined): Framework {
  return sheet?.framework ?? publisher?.framework ?? DEFAULT_FRAMEWORK;
}

/** The framework of a register tool's sheet (`tool.bijsluiter.framework`, else the publisher's). */
export function toolFramework(payload: { publisher: { framework?: Framework | null } } | null | undefined, tool: { bijsluiter?: { framework?: Framework | null } | null } | null | undefined): Framework {
  return sheetFramework(payload?.publisher, tool?.bijsluiter);
}

/** Every purpose letter of any framework (the Convenant's a–u include the Intentieverklaring's a–h). */
export const ALL_PURPOSE_LETTERS: readonly string[] = FACTS['convenant-4.0'].letters;

/** The purpose letters of a framework, in order. */
export function purposeLetters(framework: Framework): readonly string[] {
  return FACTS[framework].letters;
}

/** The letters as a range for a message: "a–u", "a–h". */
export function purposeRange(framework: Framework): string {
  const letters = FACTS[framework].letters;
  return `${letters[0]}–${letters[letters.length - 1]}`;
}

/** Why `letter` is not a purpose of `framework`, or null when it is. */
export function purposeProblem(framework: Framework, letter: string): string | null {
  if (FACTS[framework].letters.includes(letter)) return null;
  return `purpose "${letter}" is not in the ${FACTS[framework].name.en} (${purposeRange(framework)})`;
}

/** The article for important changes: 'art. 13.3' (Convenant) or 'art. 9.2' (Intentieverklaring). */
export function importantChangeArticle(framework: Framework): 'art. 13.3' | 'art. 9.2' {
  return FACTS[framework].article;
}

/** The article with its document, for a sentence: "art. 9.2 of the Intentieverklaring". */
export function importantChangeSource(framework: Framework, lang: Lang): string {
  return FACTS[framework].articleSource[lang];
}

/** The framework's short name: "Convenant 4.0", "Intentieverklaring". */
export function frameworkName(framework: Framework, lang: Lang): string {
  return FACTS[framework].name[lang];
}

/** The extension message key of the heading over a sheet's purposes, which names the framework. */
export function purposesHeadingKey(framework: Framework): 'sheet_purposes' | 'sheet_purposes_iv' {
  return FACTS[framework].purposesHeadingKey;
}

/** The extension message key with a purpose's words: `purpose_a` (Convenant), `purpose_iv_a` (Intentieverklaring). */
export function purposeMessageKey(framework: Framework, letter: string): string {
  return `${FACTS[framework].messagePrefix}${letter}`;
}

/**
 * How the data protection officer is named: the register's `publisher.fg.title` when given,
 * else the framework's usage ("FG (functionaris gegevensbescherming)" in the Netherlands, "DPO
 * (functionaris voor gegevensbescherming)" in Flanders).
 */
export function fgTitle(framework: Framework, lang: Lang, override?: string | null): string {
  const given = override?.trim();
  return given ? given : FACTS[framework].fgTitle[lang];
}

/**
 * The officer's word in running text ("Ask the FG to vet this tool"): the register's
 * `publisher.fg.title` when given, else "FG" (Convenant) or "DPO" (Intentieverklaring).
 */
export function officerWord(framework: Framework | null | undefined, override?: string | null): string {
  return override?.trim() || FACTS[framework ?? DEFAULT_FRAMEWORK].officerWord;
}

/**
 * The framework a register as a whole follows, for the words that belong to the board rather
 * than to one sheet (the officer's title): the publisher's, else the one every sheet that names
 * a framework agrees on (a register from the FG console names it per sheet), else the Convenant.
 */
export function registerFramework(payload: { publisher: { framework?: Framework | null }; tools: readonly { bijsluiter?: { framework?: Framework | null } | null }[] } | null | undefined): Framework {
  if (!payload) return DEFAULT_FRAMEWORK;
  if (payload.publisher.framework) return payload.publisher.framework;
  const named = new Set(payload.tools.map((tool) => tool.bijsluiter?.framework).filter((f): f is Framework => Boolean(f)));
  return named.size === 1 ? [...named][0]! : DEFAULT_FRAMEWORK;
}
