/**
 * The common categories of pupils' data on the request form's checklist. A vetting request
 * carries these codes in `use.personalData` (the contract's example is `["voornaam", "scores"]`),
 * never the words the teacher's browser shows for them: the FG gets the same value whatever
 * language the teacher reads. Labels are for people only, made where the request is shown (the
 * e-mail in the teacher's language, the FG console in the FG's). A value that is not one of these
 * codes is what the teacher typed under "other" and is shown as typed.
 * Kept apart from the zod schemas so the popup can use them without loading zod.
 */
export const PERSONAL_DATA_KEYS = ['voornaam', 'achternaam', 'klas', 'email', 'scores', 'werk', 'foto', 'audio-video', 'gezondheid', 'gedrag'] as const;

export type PersonalDataKey = (typeof PERSONAL_DATA_KEYS)[number];

const CODES: ReadonlySet<string> = new Set(PERSONAL_DATA_KEYS);

/** Whether `value` is one of the contract's codes (else it is free text). */
export function isPersonalDataKey(value: string): value is PersonalDataKey {
  return CODES.has(value);
}

/** The extension's message with a code's label (message names take no hyphen: `audio-video` is `data_audio_video`). */
export function personalDataMessageKey(code: PersonalDataKey): `data_${string}` {
  return `data_${code.replace(/-/g, '_')}`;
}

/** A `personalData` value as a person reads it: a code's label, free text as typed. */
export function personalDataLabel(value: string, label: (key: PersonalDataKey) => string): string {
  return isPersonalDataKey(value) ? label(value) : value;
}
