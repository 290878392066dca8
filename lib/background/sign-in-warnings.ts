/**
 * The system notification on a sign-in screen whose tool asking is not approved. Such screens
 * often open in a popup window without a toolbar, where no badge is seen. One notification per
 * tab and tool asking, so reloading the screen or stepping through it does not repeat it.
 */
import { verdictSubject } from '../badge';
import type { MessageKey } from '../i18n';
import { providerName } from '../signin/provider-name';
import type { Verdict } from '../verdict';
import type { BackgroundEffects } from './effects';

export function createSignInWarnings(effects: Pick<BackgroundEffects, 'notify' | 't'>) {
  const shown = new Map<number, string>();
  return {
    async warn(tabId: number, verdict: Verdict): Promise<void> {
      const signIn = verdict.signIn;
      if (!signIn || verdict.kind === 'approved') return;
      const key = `${signIn.provider}|${signIn.client ?? ''}|${verdict.kind}`;
      if (shown.get(tabId) === key) return;
      shown.set(tabId, key);
      const tool = verdictSubject(verdict) || effects.t('signIn_unknownTool');
      const title = effects.t('notify_signIn_title', tool, effects.t(`verdict_${verdict.kind}` as MessageKey));
      const message = effects.t('notify_signIn_message', tool, providerName(signIn.provider, signIn.idpHost), effects.t(`signIn_advice_${verdict.kind}` as MessageKey));
      await effects.notify(`bijsluiter-signin-${tabId}`, title, message).catch((error: unknown) => console.error('Bijsluiter: notification failed', error));
    },
    forget(tabId: number): void {
      shown.delete(tabId);
    },
  };
}
