/** Who to ask: the FG (data protection officer), from policy or the register. */
import { t } from '../lib/i18n';
import type { FgContactView } from '../lib/messages';
import { MailLink } from './SafeLink';

export function FgContact({ fg }: { fg: FgContactView | null }) {
  return (
    <section class="fg" aria-labelledby="fg-heading">
      <h2 id="fg-heading">{t('fg_heading')}</h2>
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
