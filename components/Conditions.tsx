/** The conditions of use that come with an approval, shown prominently. */
import { t } from '../lib/i18n';
import { ShowMore } from './ShowMore';

export function Conditions({ conditions }: { conditions: readonly string[] }) {
  if (conditions.length === 0) return null;
  return (
    <section class="conditions" aria-labelledby="conditions-heading">
      <h2 id="conditions-heading">{t('conditions_heading')}</h2>
      <ul>{conditions.map((condition, i) => <li key={i}><ShowMore text={condition} /></li>)}</ul>
    </section>
  );
}
