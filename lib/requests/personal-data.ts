/**
 * The common categories of pupils' data on the request form's checklist, stored as these keys.
 * Kept apart from the zod schemas so the popup can use them without loading zod.
 */
export const PERSONAL_DATA_KEYS = ['voornaam', 'achternaam', 'klas', 'email', 'scores', 'werk', 'foto', 'audio-video', 'gezondheid', 'gedrag'] as const;
