/** Teachers' vetting requests for demos and screenshots, as the extension would send them. */
import { randomUUID } from 'node:crypto';
import type { VettingRequest } from '../lib/requests/schema';

export function vettingRequestFor(tool: string, host: string, teacher: string, school: string): VettingRequest {
  const first = teacher.split(' ').at(-1)!.toLowerCase();
  return {
    id: randomUUID(),
    createdAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    tool: { name: tool, url: `https://${host}/`, host, registerId: null },
    requester: { name: teacher, email: `${first}@school.example`, school },
    use: { purpose: 'Woordenschat oefenen', subject: 'Engels', groups: 'groep 7', studentCount: 28, studentAge: '10-11', personalData: ['voornaam', 'scores'], neededBy: '' },
    message: 'Graag voor de kerstvakantie.',
    client: { extensionVersion: '0.1.0', browser: 'chrome', registerSerial: 1 },
  };
}
