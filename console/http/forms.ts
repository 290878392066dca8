/** Form bodies of the FG interface as plain strings (files are refused), with a size limit. */
import type { Context } from 'hono';

export const FORM_MAX_BYTES = 256 * 1024;

export type FormFields = Record<string, string | string[]>;

export async function readForm(c: Context): Promise<FormFields | null> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) return null;
  const params = new URLSearchParams(await c.req.text());
  const fields: FormFields = {};
  for (const [key, value] of params) {
    const existing = fields[key];
    fields[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return fields;
}

export function field(form: FormFields, name: string): string {
  const value = form[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}
