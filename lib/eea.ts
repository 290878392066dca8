/** The European Economic Area: EU-27 plus Iceland, Liechtenstein and Norway (shared/spec/domain.md). */
export const EEA_COUNTRIES: ReadonlySet<string> = new Set([
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT',
  'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK', 'IS', 'LI', 'NO',
]);

/** Whether an ISO 3166-1 alpha-2 code lies outside the EEA (GB, CH and US included). */
export function isOutsideEea(country: string): boolean {
  return !EEA_COUNTRIES.has(country.toUpperCase());
}
