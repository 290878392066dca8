import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { badgeFor } from '../../lib/badge';
import { buildMatchIndex } from '../../lib/matcher';
import { registerPayloadSchema } from '../../lib/register/schema';
import { MAX_SAML_PARAM, mayBeSignIn, recogniseSignIn, type SignInRequest } from '../../lib/signin/recognise';
import { describeScopes } from '../../lib/signin/scopes';
import { signInVerdict, verdictOnSignInScreen } from '../../lib/signin/tool-asking';
import { computeVerdict } from '../../lib/verdict';
import { loadPayload } from '../../lib/sync/sync-register';
import { samplePayload } from '../helpers/registers';
import { englishMessage } from './setup';

const english = (key: string, ...substitutions: string[]) => englishMessage(key, substitutions);

const NOW = new Date('2026-11-23T10:00:00Z');
const GOOGLE_ID = '123456789012-abcdefghijklmnop.apps.googleusercontent.com';
const MS_ID = '0f6e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
const ENTITY = 'https://sso.blooket.example/saml/metadata';

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
const googleAuth = (extra: Record<string, string> = {}) => `https://accounts.google.com/o/oauth2/v2/auth?${q({ client_id: GOOGLE_ID, redirect_uri: 'https://www.blooket.com/auth/google/callback', response_type: 'code', scope: 'openid email profile https://www.googleapis.com/auth/classroom.rosters.readonly', state: 'xyz', ...extra })}`;
const samlRequest = (xml: string) => deflateRawSync(Buffer.from(xml)).toString('base64');
const authnRequest = (issuer = ENTITY, acs = 'https://www.blooket.com/saml/acs') =>
  `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a1" Version="2.0" IssueInstant="2026-11-23T10:00:00Z" AssertionConsumerServiceURL="${acs}" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"><saml:Issuer>${issuer}</saml:Issuer></samlp:AuthnRequest>`;

/** Real-shaped screens, each with the provider and client it must be read as. */
const FIXTURES: { name: string; url: string; provider: SignInRequest['provider']; client: string | null; returnHost: string | null; scopes?: number }[] = [
  { name: 'Google /o/oauth2/v2/auth', url: googleAuth(), provider: 'google', client: GOOGLE_ID, returnHost: 'www.blooket.com', scopes: 4 },
  { name: 'Google /signin/oauth/consent', url: `https://accounts.google.com/signin/oauth/consent?${q({ authuser: '0', part: 'AJi8hAN', as: 'S123', client_id: GOOGLE_ID, redirect_uri: 'https://quizlet.com/oauth2callback' })}`, provider: 'google', client: GOOGLE_ID, returnHost: 'quizlet.com' },
  { name: 'Google /v3/signin with the request nested in continue', url: `https://accounts.google.com/v3/signin/identifier?${q({ continue: googleAuth({ redirect_uri: 'https://nested.example/cb' }), flowName: 'GeneralOAuthFlow', ifkv: 'abc' })}`, provider: 'google', client: GOOGLE_ID, returnHost: 'nested.example', scopes: 4 },
  { name: 'Google continue encoded twice', url: `https://accounts.google.com/v3/signin/identifier?continue=${encodeURIComponent(encodeURIComponent(googleAuth({ redirect_uri: 'https://twice.example/cb' })))}&flowName=GeneralOAuthFlow`, provider: 'google', client: GOOGLE_ID, returnHost: 'twice.example' },
  { name: 'Google without redirect_uri', url: `https://accounts.google.com/o/oauth2/auth?${q({ client_id: GOOGLE_ID, scope: 'email' })}`, provider: 'google', client: GOOGLE_ID, returnHost: null, scopes: 1 },
  { name: 'Microsoft v2.0 authorize', url: `https://login.microsoftonline.com/common/oauth2/v2.0/authorize?${q({ client_id: MS_ID, redirect_uri: 'https://app.wordwall.net/signin-microsoft', scope: 'openid profile User.Read offline_access', response_type: 'code' })}`, provider: 'microsoft', client: MS_ID, returnHost: 'app.wordwall.net', scopes: 4 },
  { name: 'Microsoft v1 authorize with a tenant', url: `https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/authorize?${q({ client_id: MS_ID.toUpperCase(), redirect_uri: 'https://gimkit.com/auth' })}`, provider: 'microsoft', client: MS_ID.toUpperCase(), returnHost: 'gimkit.com' },
  { name: 'Microsoft personal account (login.live.com)', url: `https://login.live.com/oauth20_authorize.srf?${q({ client_id: MS_ID, redirect_uri: 'https://example.org/cb', scope: 'wl.basic' })}`, provider: 'microsoft', client: MS_ID, returnHost: 'example.org' },
  { name: 'SAML HTTP-Redirect on an Entree-like IdP', url: `https://aselect.entree.kennisnet.nl/sso?${q({ SAMLRequest: samlRequest(authnRequest()), RelayState: 'abc' })}`, provider: 'saml', client: ENTITY, returnHost: 'www.blooket.com' },
  { name: 'generic OAuth authorize', url: `https://idp.school.example/oauth/authorize?${q({ client_id: 'mathsapp', redirect_uri: 'https://maths.example/callback', response_type: 'code' })}`, provider: 'oauth', client: 'mathsapp', returnHost: 'maths.example' },
];

describe('recognising sign-in screens', () => {
  it.each(FIXTURES)('$name', async ({ url, provider, client, returnHost, scopes }) => {
    const request = await recogniseSignIn(url);
    expect(request).not.toBeNull();
    expect(request!.provider).toBe(provider);
    expect(request!.client).toBe(client);
    expect(request!.returnUrl ? new URL(request!.returnUrl).host : null).toBe(returnHost);
    if (scopes !== undefined) expect(request!.scopes).toHaveLength(scopes);
  });

  it('cross-wise: each fixture reads as its own provider and client and as no other fixture\'s', async () => {
    const read = await Promise.all(FIXTURES.map((f) => recogniseSignIn(f.url)));
    FIXTURES.forEach((fixture, i) => {
      FIXTURES.forEach((other, j) => {
        const same = read[i]!.provider === other.provider && read[i]!.client === other.client && (read[i]!.returnUrl ? new URL(read[i]!.returnUrl!).host : null) === other.returnHost;
        if (i === j) expect(same, fixture.name).toBe(true);
        else if (same) expect(`${fixture.name} reads as ${other.name}`).toBe('');
      });
    });
  });

  it('ordinary pages are no sign-in screens, and cost no parsing', async () => {
    for (const url of ['https://wordwall.net/play/123', 'https://accounts.google.com/', 'https://accounts.google.com/v3/signin/identifier?flowName=GlifWebSignIn', 'https://example.com/?client_id=abc', 'https://login.microsoftonline.com/common/login', 'chrome://newtab/', 'not a url']) {
      expect(await recogniseSignIn(url), url).toBeNull();
    }
    expect(mayBeSignIn('https://wordwall.net/play/123?x=1')).toBe(false);
    // control: the cheap look does let a real screen through
    expect(mayBeSignIn(googleAuth())).toBe(true);
  });

  it('a huge, broken or bomb-sized SAMLRequest is read as "an unknown SAML client", never thrown or inflated past the cap', async () => {
    const idp = 'https://idp.example/sso?SAMLRequest=';
    const huge = await recogniseSignIn(idp + 'A'.repeat(MAX_SAML_PARAM + 4));
    expect(huge).toEqual({ provider: 'saml', idpHost: 'idp.example', client: null, returnUrl: null, scopes: [] });
    expect(await recogniseSignIn(idp + encodeURIComponent('!!!not base64'))).toMatchObject({ provider: 'saml', client: null });
    expect(await recogniseSignIn(idp + encodeURIComponent(Buffer.from('not deflate at all').toString('base64')))).toMatchObject({ provider: 'saml', client: null });
    // 10 MB of spaces deflates to a few kilobytes: the inflater stops at its cap
    const bomb = deflateRawSync(Buffer.from(authnRequest().replace('<saml:Issuer>', ' '.repeat(10 * 1024 * 1024) + '<saml:Issuer>'))).toString('base64');
    expect(bomb.length).toBeLessThan(MAX_SAML_PARAM);
    expect(await recogniseSignIn(idp + encodeURIComponent(bomb))).toMatchObject({ provider: 'saml', client: null });
    // control: the same request without the padding is read
    expect(await recogniseSignIn(idp + encodeURIComponent(samlRequest(authnRequest())))).toMatchObject({ client: ENTITY });
  });

  it('an AuthnRequest built to make the search quadratic ("<Issuer " repeated) is read in bounded time', async () => {
    const hostile = samlRequest(`<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">${'<Issuer '.repeat(8000)}`);
    expect(hostile.length).toBeLessThan(MAX_SAML_PARAM);
    const started = performance.now();
    expect(await recogniseSignIn(`https://idp.example/sso?SAMLRequest=${encodeURIComponent(hostile)}`)).toMatchObject({ provider: 'saml', client: null });
    expect(performance.now() - started).toBeLessThan(250);
  });

  it('a SAMLRequest whose base64 "+" arrived as a space, and XML entities in the issuer, are read', async () => {
    const entity = 'https://sso.example/metadata?a=1&b=2';
    let encoded = samlRequest(authnRequest(entity.replace(/&/g, '&amp;')));
    for (let i = 0; !encoded.includes('+') && i < 50; i++) encoded = samlRequest(authnRequest(entity.replace(/&/g, '&amp;')) + ' '.repeat(i));
    const request = await recogniseSignIn(`https://idp.example/sso?SAMLRequest=${encoded}`);
    expect(request?.client).toBe(entity);
  });

  it('a redirect_uri that is not http(s) gives no site', async () => {
    const request = await recogniseSignIn(googleAuth({ redirect_uri: 'javascript:alert(1)' }));
    expect(request?.returnUrl).toBeNull();
  });
});

describe('the tool asking and its verdict', () => {
  const payload = samplePayload({}, NOW);
  payload.tools.find((t) => t.id === 'gimkit')!.signIn = [{ provider: 'google', clientId: GOOGLE_ID }];
  payload.tools.find((t) => t.id === 'wordwall')!.signIn = [{ provider: 'microsoft', clientId: MS_ID }, { provider: 'saml', entityId: ENTITY }];
  const register = loadPayload(registerPayloadSchema.parse(payload));
  const catalog = buildMatchIndex([{ id: 'quizlet', name: 'Quizlet', category: 'practice', match: ['quizlet.com'] }]);
  const verdictFor = async (url: string) => signInVerdict((await recogniseSignIn(url))!, { register, catalog, openRequests: [], now: NOW });

  it('the register tool whose signIn names the client, before the site it returns to', async () => {
    const v = await verdictFor(googleAuth()); // returns to blooket.com (pending), but the client is Gimkit's
    expect(v).toMatchObject({ kind: 'unvetted', tool: { id: 'gimkit' }, signIn: { identifiedBy: 'signIn' } });
    expect(badgeFor(v, english)).toMatchObject({ text: '!', title: 'Gimkit wants to sign in with your school Google account: Not vetted' });
  });

  it('a Microsoft id in upper case and a SAML entity id find their tool', async () => {
    expect(await verdictFor(FIXTURES[6]!.url)).toMatchObject({ kind: 'approved', tool: { id: 'wordwall' } });
    expect(await verdictFor(FIXTURES[8]!.url)).toMatchObject({ kind: 'approved', tool: { id: 'wordwall' }, signIn: { provider: 'saml' } });
  });

  it('a client claimed by nobody: the tool whose patterns match where the answer goes, then the catalogue, then unknown (not vetted)', async () => {
    const other = '999-zzz.apps.googleusercontent.com';
    expect(await verdictFor(googleAuth({ client_id: other }))).toMatchObject({ kind: 'pending', tool: { id: 'blooket' }, signIn: { identifiedBy: 'site' } });
    expect(await verdictFor(googleAuth({ client_id: other, redirect_uri: 'https://www.tiktok.com/cb' }))).toMatchObject({ kind: 'rejected', tool: { id: 'tiktok' } });
    expect(await verdictFor(googleAuth({ client_id: other, redirect_uri: 'https://quizlet.com/cb' }))).toMatchObject({ kind: 'unvetted', tool: null, catalogEntry: { id: 'quizlet' } });
    const unknown = await verdictFor(googleAuth({ client_id: other, redirect_uri: 'https://nobody.example/cb' }));
    expect(unknown).toMatchObject({ kind: 'unvetted', tool: null, catalogEntry: null, signIn: { identifiedBy: null, returnHost: 'nobody.example' } });
    expect(badgeFor(unknown, english).title).toBe('nobody.example wants to sign in with your school Google account: Not vetted');
  });

  it('the teacher\'s open request for the tool asking makes it pending', async () => {
    const request = { id: 'r', host: 'nobody.example', path: '/', registerId: null, catalogId: null, createdAt: NOW.toISOString() };
    const v = signInVerdict((await recogniseSignIn(googleAuth({ client_id: '999-zzz.apps.googleusercontent.com', redirect_uri: 'https://nobody.example/cb' })))!, { register, catalog, openRequests: [request], now: NOW });
    expect(v.kind).toBe('pending');
  });

  it('a page cannot make itself approved, nor trade its own verdict, by naming a tool in its own address', async () => {
    const input = { register, catalog, openRequests: [], now: NOW };
    const shown = async (url: string) => verdictOnSignInScreen(computeVerdict({ url, ...input }), (await recogniseSignIn(url))!, input);
    // generic OAuth and SAML on a host that is no known identity provider: no approval
    expect(await shown(`https://evil.example/login?client_id=x&redirect_uri=${encodeURIComponent('https://wordwall.net/cb')}`)).toMatchObject({ kind: 'unknown', tool: null });
    expect(await shown(`https://evil.example/sso?SAMLRequest=${encodeURIComponent(samlRequest(authnRequest()))}`)).toMatchObject({ kind: 'unknown' });
    // a rejected site keeps its ✕, whatever its address names
    expect(await shown(`https://www.tiktok.com/x?client_id=x&redirect_uri=${encodeURIComponent('https://blooket.com/cb')}`)).toMatchObject({ kind: 'rejected', tool: { id: 'tiktok' } });
    // an unknown page may show the warning of the tool it names
    expect(await shown(`https://evil.example/login?client_id=x&redirect_uri=${encodeURIComponent('https://www.tiktok.com/cb')}`)).toMatchObject({ kind: 'rejected', signIn: { provider: 'oauth' } });
    // control: the same approvals on Entree, and on a sign-in server the register names
    expect(await shown(`https://aselect.entree.kennisnet.nl/sso?SAMLRequest=${encodeURIComponent(samlRequest(authnRequest()))}`)).toMatchObject({ kind: 'approved', tool: { id: 'wordwall' } });
    const named = structuredClone(payload);
    named.tools.find((t) => t.id === 'wordwall')!.signIn!.push({ provider: 'oauth', host: 'login.school.example', clientId: 'ww' });
    const withServer = { ...input, register: loadPayload(registerPayloadSchema.parse(named)) };
    const url = `https://login.school.example/authorize?client_id=ww&redirect_uri=${encodeURIComponent('https://wordwall.net/cb')}`;
    expect(verdictOnSignInScreen(computeVerdict({ url, ...withServer }), (await recogniseSignIn(url))!, withServer)).toMatchObject({ kind: 'approved', signIn: { identifiedBy: 'signIn' } });
  });
});

describe('scope words', () => {
  it('common Google and Microsoft scopes in Dutch and English, sensitive ones marked, unknown ones as written', () => {
    const google = describeScopes('google', ['openid', 'https://www.googleapis.com/auth/drive', 'https://www.googleapis.com/auth/classroom.rosters.readonly', 'https://www.googleapis.com/auth/unknown.thing']);
    expect(google.map((s) => [s.words?.en ?? null, s.words?.sensitive ?? null])).toEqual([
      ['confirm who you are', false],
      ['see, edit and delete all your Google Drive files', true],
      ["see your class rosters (pupils' names)", true],
      [null, null],
    ]);
    const microsoft = describeScopes('microsoft', ['User.Read', 'offline_access', 'https://graph.microsoft.com/Files.ReadWrite.All', 'EduRoster.ReadBasic']);
    expect(microsoft.map((s) => s.words?.sensitive)).toEqual([false, true, true, true]);
    expect(microsoft[1]!.words!.nl).toContain('blijvend');
    // a Google scope name means nothing on another provider
    expect(describeScopes('oauth', ['https://www.googleapis.com/auth/drive'])[0]!.words).toBeNull();
  });
});

describe('one client-key rule for the register and the screen', () => {
  it('a client as the register holds it and the same client read off its sign-in screen give the same key (control: another client does not)', async () => {
    const { signInClientKey, signInClientSchema } = await import('../../lib/register/schema');
    const { requestClientKey } = await import('../../lib/signin/tool-asking');
    const { googleConsentUrl, microsoftConsentUrl, samlRedirectUrl } = await import('../../harness/sign-in-screens');
    const cases: [unknown, string][] = [
      [{ provider: 'google', clientId: '123456789012-AbCdEf.apps.googleusercontent.com' }, googleConsentUrl('123456789012-AbCdEf.apps.googleusercontent.com', 'https://www.gimkit.com/cb', ['openid'])],
      [{ provider: 'microsoft', clientId: 'A1B2C3D4-0000-4000-8000-00000000ABCD' }, microsoftConsentUrl('a1b2c3d4-0000-4000-8000-00000000abcd', 'https://app.example/cb', ['openid'])],
      [{ provider: 'saml', entityId: 'https://sp.example.nl/saml' }, await samlRedirectUrl('https://sp.example.nl/saml', 'https://sp.example.nl/acs')],
      [{ provider: 'oauth', host: 'login.example.org', clientId: 'Quiz-App' }, 'https://login.example.org/authorize?client_id=Quiz-App&redirect_uri=https%3A%2F%2Fquiz.example%2Fcb&response_type=code'],
    ];
    for (const [stored, screen] of cases) {
      const client = signInClientSchema.parse(stored);
      const request = await recogniseSignIn(screen);
      expect(request, screen).not.toBeNull();
      expect(requestClientKey(request!), JSON.stringify(stored)).toBe(signInClientKey(client));
      expect(requestClientKey({ ...request!, client: `${request!.client}x` })).not.toBe(signInClientKey(client));
    }
  });
});
