/** Fills and submits the popup's request form as a teacher would (demo and end-to-end tests). */
import type { Page } from 'playwright-core';

export interface TeacherInput {
  name?: string;
  email?: string;
  purpose: string;
  subject?: string;
  groups?: string;
  studentCount?: number;
  studentAge?: string;
  personalData?: string[];
  neededBy?: string;
  message?: string;
}

/** Opens the form in a popup page, fills it and submits; waits for the outcome or the error list. */
export async function submitRequestForm(popup: Page, input: TeacherInput): Promise<void> {
  if (await popup.locator('#request-open').count()) await popup.click('#request-open');
  await popup.waitForSelector('form.request-form');
  if (input.name !== undefined) await popup.fill('#rf-name', input.name);
  if (input.email !== undefined) await popup.fill('#rf-email', input.email);
  await popup.fill('#rf-purpose', input.purpose);
  if (input.subject) await popup.fill('#rf-subject', input.subject);
  if (input.groups) await popup.fill('#rf-groups', input.groups);
  if (input.studentCount !== undefined) await popup.fill('#rf-studentCount', String(input.studentCount));
  if (input.studentAge) await popup.fill('#rf-studentAge', input.studentAge);
  for (const key of input.personalData ?? []) await popup.check(`input[name=personalData][value="${key}"]`);
  if (input.neededBy) await popup.fill('#rf-neededBy', input.neededBy);
  if (input.message) await popup.fill('#rf-message', input.message);
  await popup.click('form.request-form button[type=submit]');
  await popup.waitForSelector('#request-outcome, #request-errors');
}
