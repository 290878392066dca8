/**
 * The privacy sheet (bijsluiter), sections A–H of the model, each a collapsible section so the
 * popup stays short. Countries outside the EEA are named in the summary and marked where they
 * appear; special personal data is marked. A missing section says so instead of showing blanks.
 */
import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import { countryName, formatDate, outsideEea } from '../lib/format';
import { isOutsideEea } from '../lib/eea';
import { t, type MessageKey } from '../lib/i18n';
import { purposeMessageKey, purposesHeadingKey, type Framework } from '../lib/register/framework';
import type { Bijsluiter } from '../lib/register/schema';
import { MailLink, SafeLink } from './SafeLink';
import { ShowMore } from './ShowMore';

/** Every country in the sheet that lies outside the EEA (storage, processing, subprocessors). */
export function sheetOutsideEea(sheet: Bijsluiter): string[] {
  return outsideEea([
    ...(sheet.security?.storageCountries ?? []),
    ...(sheet.security?.processingCountries ?? []),
    ...(sheet.subprocessors ?? []).map((s) => s.country),
  ]);
}

/**
 * True where every section should start open: a printed or public page (the public site for
 * parents) shows the whole sheet, the popup keeps it short.
 */
export const OpenSheetSections = createContext(false);

function Section({ id, title, given, children }: { id: string; title: MessageKey; given: boolean; children: ComponentChildren }) {
  const open = useContext(OpenSheetSections);
  return (
    <details class="sheet-section" id={`sheet-${id}`} open={open || undefined}>
      <summary><h3>{t(title)}</h3></summary>
      <div class="sheet-body">{given ? children : <p class="muted">{t('sheet_notGiven')}</p>}</div>
    </details>
  );
}

function TextList({ items }: { items: readonly string[] | undefined }) {
  if (!items || items.length === 0) return <p class="muted">{t('sheet_notGiven')}</p>;
  return <ul>{items.map((item, i) => <li key={i}><ShowMore text={item} /></li>)}</ul>;
}

function Countries({ codes }: { codes: readonly string[] | undefined }) {
  if (!codes || codes.length === 0) return <span class="muted">{t('sheet_notGiven')}</span>;
  return (
    <ul class="countries">
      {codes.map((code) => (
        <li key={code} class={isOutsideEea(code) ? 'outside-eea' : undefined}>
          {countryName(code)} ({code})
          {isOutsideEea(code) ? <strong class="flag"> <span aria-hidden="true">⚠</span> {t('sheet_outsideEea')}</strong> : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * `framework`: the agreement the sheet follows (lib/register/framework.ts `toolFramework`), which
 * decides the words of the purpose letters and the framework named over them.
 */
export function BijsluiterSheet({ sheet, framework }: { sheet: Bijsluiter | undefined; framework: Framework }) {
  if (!sheet) {
    return (
      <section aria-labelledby="sheet-heading">
        <h2 id="sheet-heading">{t('sheet_heading')}</h2>
        <p class="muted">{t('sheet_missing')}</p>
      </section>
    );
  }
  const outside = sheetOutsideEea(sheet);
  const { product, services, personalData, security, subprocessors, contact } = sheet;
  return (
    <section class="sheet" aria-labelledby="sheet-heading">
      <h2 id="sheet-heading">{t('sheet_heading')}</h2>
      {outside.length > 0 ? (
        <p class="warning" id="outside-eea"><span aria-hidden="true">⚠ </span>{t('sheet_outsideEeaSummary', outside.map(countryName).join(', '))}</p>
      ) : null}

      <Section id="a" title="sheet_a" given={Boolean(product)}>
        {product?.description ? <p><ShowMore text={product.description} /></p> : null}
        <dl>
          {product?.audience?.length ? <><dt>{t('sheet_audience')}</dt><dd>{product.audience.map((a) => t(`audience_${a}` as MessageKey)).join(', ')}</dd></> : null}
          {product?.users?.length ? <><dt>{t('sheet_users')}</dt><dd>{product.users.join(', ')}</dd></> : null}
          {product?.url ? <><dt>{t('sheet_website')}</dt><dd><SafeLink href={product.url} /></dd></> : null}
        </dl>
      </Section>

      <Section id="b" title="sheet_b" given={Boolean(services)}>
        <h4>{t('sheet_core')}</h4>
        <TextList items={services?.core} />
        {services?.optional?.length ? (
          <>
            <h4>{t('sheet_optional')}</h4>
            <ul>
              {services.optional.map((option, i) => (
                <li key={i}>
                  <ShowMore text={option.name} />{' '}
                  <span class={option.enabled ? 'enabled' : 'muted'}>({option.enabled ? `✓ ${t('sheet_enabled')}` : t('sheet_notEnabled')})</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Section>

      <Section id="c" title="sheet_c" given={Boolean(sheet.type || sheet.purposes?.length)}>
        {sheet.type ? <p>{t(`sheet_type_${sheet.type}` as MessageKey)}</p> : null}
        {sheet.purposes?.length ? (
          <>
            <h4>{t(purposesHeadingKey(framework))}</h4>
            <ul class="purposes">{sheet.purposes.map((letter) => <li key={letter}><strong>{letter}</strong> {t(purposeMessageKey(framework, letter) as MessageKey)}</li>)}</ul>
          </>
        ) : null}
      </Section>

      <Section id="d" title="sheet_d" given={Boolean(personalData)}>
        <h4>{t('sheet_dataStandard')}</h4>
        <TextList items={personalData?.categories} />
        {personalData?.optional?.length ? <><h4>{t('sheet_dataOptional')}</h4><TextList items={personalData.optional} /></> : null}
        {personalData?.special?.length ? (
          <div class="special">
            <h4><span aria-hidden="true">⚠ </span>{t('sheet_dataSpecial')}</h4>
            <TextList items={personalData.special} />
          </div>
        ) : null}
      </Section>

      <Section id="e" title="sheet_e" given={Boolean(security)}>
        <dl>
          <dt>{t('sheet_certifications')}</dt><dd>{security?.certifications?.length ? security.certifications.join(', ') : t('sheet_notGiven')}</dd>
          <dt>{t('sheet_audits')}</dt><dd>{security?.audits?.length ? security.audits.join(', ') : t('sheet_notGiven')}</dd>
        </dl>
        <h4>{t('sheet_storage')}</h4>
        <Countries codes={security?.storageCountries} />
        <h4>{t('sheet_processing')}</h4>
        <Countries codes={security?.processingCountries} />
      </Section>

      <Section id="f" title="sheet_f" given={subprocessors !== undefined}>
        {subprocessors?.length ? (
          <ul class="subprocessors">
            {subprocessors.map((sub, i) => (
              <li key={i} class={isOutsideEea(sub.country) ? 'outside-eea' : undefined}>
                <strong>{sub.name}</strong>{sub.task ? <>: <ShowMore text={sub.task} limit={120} /></> : null}
                <br />{countryName(sub.country)} ({sub.country})
                {isOutsideEea(sub.country) ? <strong class="flag"> <span aria-hidden="true">⚠</span> {t('sheet_outsideEea')}</strong> : null}
              </li>
            ))}
          </ul>
        ) : <p class="muted">{t('sheet_notGiven')}</p>}
      </Section>

      <Section id="g" title="sheet_g" given={Boolean(contact && (contact.email || contact.phone || contact.url))}>
        <dl>
          {contact?.email ? <><dt>{t('sheet_email')}</dt><dd><MailLink email={contact.email} /></dd></> : null}
          {contact?.phone ? <><dt>{t('sheet_phone')}</dt><dd>{contact.phone}</dd></> : null}
          {contact?.url ? <><dt>{t('sheet_website')}</dt><dd><SafeLink href={contact.url} /></dd></> : null}
        </dl>
      </Section>

      <Section id="h" title="sheet_h" given={Boolean(sheet.version || sheet.date || sheet.url)}>
        <p>
          {sheet.version ? t('sheet_version', sheet.version) : null}
          {sheet.version && sheet.date ? ', ' : null}
          {sheet.date ? t('sheet_date', formatDate(sheet.date)) : null}
        </p>
        {sheet.url ? <p><SafeLink href={sheet.url}>{t('sheet_fullSheet')}</SafeLink></p> : null}
      </Section>
    </section>
  );
}
