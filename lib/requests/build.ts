/**
 * From the teacher's form to the contract's JSON. Only the origin of the page goes out unless
 * the teacher ticked "send the full address".
 */
import { pageOrigin, parsePageUrl } from '../url';
import type { RequestForm, VettingRequest } from './schema';

export interface RequestContext {
  id: string;
  now: Date;
  extensionVersion: string;
  browser: string;
  registerSerial: number | null;
}

/** Builds the request; throws when the page address is not an http(s) URL. */
export function buildRequest(form: Omit<RequestForm, 'sendByEmail'>, context: RequestContext): VettingRequest {
  const location = parsePageUrl(form.pageUrl);
  const origin = pageOrigin(form.pageUrl);
  if (!location || !origin) throw new Error('the page is not a web address');
  return {
    id: context.id,
    createdAt: context.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    tool: {
      name: form.toolName,
      url: form.includeFullUrl ? form.pageUrl : origin,
      host: location.host,
      registerId: form.registerId,
    },
    requester: { name: form.name, email: form.email, school: form.school },
    use: {
      purpose: form.purpose,
      subject: form.subject,
      groups: form.groups,
      studentCount: form.studentCount,
      studentAge: form.studentAge,
      personalData: form.personalData,
      neededBy: form.neededBy,
    },
    message: form.message,
    client: { extensionVersion: context.extensionVersion, browser: context.browser, registerSerial: context.registerSerial },
  };
}
