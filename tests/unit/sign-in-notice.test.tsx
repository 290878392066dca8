import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { ToolDetails } from '../../components/ToolDetails';
import { registerPayloadSchema } from '../../lib/register/schema';
import { recogniseSignIn } from '../../lib/signin/recognise';
import { signInVerdict } from '../../lib/signin/tool-asking';
import { loadPayload } from '../../lib/sync/sync-register';
import { buildToolView } from '../../lib/tool-view';
import { computeVerdict } from '../../lib/verdict';
import { samplePayload } from '../helpers/registers';

const NOW = new Date('2026-11-23T10:00:00Z');
const container = document.createElement('div');
document.body.append(container);
afterEach(() => render(null, container));

const payload = registerPayloadSchema.parse(samplePayload({}, NOW));
const register = loadPayload(payload);

async function show(url: string) {
  const request = await recogniseSignIn(url);
  const verdict = (request && signInVerdict(request, { register, catalog: null, openRequests: [], now: NOW })) ?? computeVerdict({ url, register, catalog: null, openRequests: [], now: NOW });
  act(() => render(<ToolDetails view={buildToolView(verdict, payload, NOW)} />, container));
  return container.querySelector('#sign-in');
}

describe('the popup on a sign-in screen', () => {
  it('says who wants the school account, what to do, and what it asks for in words, sensitive ones marked in words', async () => {
    const scope = 'openid email https://www.googleapis.com/auth/drive https://www.googleapis.com/auth/made.up';
    const notice = await show(`https://accounts.google.com/o/oauth2/v2/auth?client_id=1-a.apps.googleusercontent.com&redirect_uri=${encodeURIComponent('https://gimkit.com/cb')}&scope=${encodeURIComponent(scope)}`);
    expect(notice?.querySelector('h2')?.textContent).toBe('Gimkit wants to sign in with your school Google account');
    expect(notice?.textContent).toContain('Not vetted, no agreement: do not allow.');
    expect(notice?.textContent).toContain('Recognised by the site the sign-in returns to: gimkit.com.');
    const items = [...notice!.querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toEqual(['confirm who you are', 'your e-mail address', 'see, edit and delete all your Google Drive files (sensitive)', 'https://www.googleapis.com/auth/made.up']);
    // the verdict itself is still there, in words
    expect(container.querySelector('.verdict-words')?.textContent).toBe('Not vetted');
  });

  it('an approved tool asking: allowed, under its conditions, which show', async () => {
    const notice = await show(`https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=0f6e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b&redirect_uri=${encodeURIComponent('https://wordwall.net/cb')}`);
    expect(notice?.textContent).toContain('Wordwall wants to sign in with your school Microsoft account');
    expect(notice?.textContent).toContain('you may allow it');
    expect(notice?.textContent).toContain('does not say what it asks for');
  });

  it('control: an ordinary page shows no sign-in section', async () => {
    expect(await show('https://gimkit.com/join')).toBeNull();
    expect(container.querySelector('.verdict-words')?.textContent).toBe('Not vetted');
  });
});
