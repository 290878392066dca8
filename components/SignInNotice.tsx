/**
 * On a "Sign in with …" screen: who is asking for the school account, what to do, how the tool
 * was recognised, and what it asks for in plain words, sensitive requests marked in words too.
 */
import { verdictSubject } from '../lib/badge';
import { t, uiLanguage, type MessageKey } from '../lib/i18n';
import { providerName } from '../lib/signin/provider-name';
import { describeScopes } from '../lib/signin/scopes';
import type { Verdict } from '../lib/verdict';

export function SignInNotice({ verdict }: { verdict: Verdict }) {
  const signIn = verdict.signIn;
  if (!signIn) return null;
  const tool = verdictSubject(verdict) || t('signIn_unknownTool');
  const lang = uiLanguage();
  const scopes = describeScopes(signIn.provider, signIn.scopes);
  const recognised = signIn.identifiedBy === 'signIn' ? t('signIn_byClient')
    : signIn.identifiedBy === 'site' ? t('signIn_bySite', signIn.returnHost ?? '')
    : signIn.client ? t('signIn_unidentified', signIn.client) : t('signIn_unidentifiedNoId');
  return (
    <section class={`sign-in sign-in-${verdict.kind}`} id="sign-in" aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">{t('signIn_heading', tool, providerName(signIn.provider, signIn.idpHost))}</h2>
      <p class="sign-in-advice"><strong>{t(`signIn_advice_${verdict.kind}` as MessageKey)}</strong></p>
      <p class="muted">{recognised}</p>
      <h3>{t('signIn_asks')}</h3>
      {scopes.length === 0 ? <p>{t('signIn_noScopes')}</p> : (
        <ul class="sign-in-scopes">
          {scopes.map(({ scope, words }) => (
            <li key={scope} data-sensitive={words?.sensitive ? 'true' : undefined}>
              {words ? words[lang] : <code>{scope}</code>}
              {words?.sensitive ? <> <span class="tag-sensitive">({t('signIn_sensitive')})</span></> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
