/** Who to ask: the FG (data protection officer), from policy or the register. */
import { t, uiLanguage } from '../lib/i18n';
import { DEFAULT_FRAMEWORK, fgTitle } from '../lib/register/framework';
import type { FgContactView } from '../lib/messages';
import { MailLink } from './SafeLink';

export function FgContact({ fg }: { fg: FgContactView | null }) {
  return (
    <section class="fg" aria-labelledby="fg-heading">
      <h2 id="fg-heading">{t('fg_heading', fgTitle(fg?.framework ?? DEFAULT_FRAMEWORK, uiLanguage(), fg?.title))}</h2>
      {fg ? (
        <p>
          {fg.name ? <>{fg.name}<br /></> : null}
          <MailLink email={fg.email} />
          {fg.phone ? <><br />{fg.phone}</> : null}
        </p>
      ) : <p class="muted">{t('fg_none')}</p>}
    </section>
  );
}
