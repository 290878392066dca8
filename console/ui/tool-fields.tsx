/**
 * The tool editor's fields, grouped as the FG thinks about a tool: the tool and supplier, the
 * agreement, its use in school, and the privacy sheet A–H. Used on its own page and inside a
 * request's decision form. Every field has a visible label; problems are listed above the form.
 */
import type { Problem } from '../../cli/lint';
import { t as extensionText, type MessageKey } from '../../lib/i18n';
import type { ToolForm } from '../lib/tool-form';
import type { ConsoleKey } from './messages';
import type { PageContext } from './layout';

type Field = { name: string; kind: 'text' | 'date' | 'email' | 'url' | 'lines' | 'long'; label: ConsoleKey; required?: boolean };

const GENERAL: Field[] = [
  { name: 'id', kind: 'text', label: 'f_id', required: true },
  { name: 'name', kind: 'text', label: 'f_name', required: true },
  { name: 'vendorName', kind: 'text', label: 'f_vendorName' },
  { name: 'vendorCountry', kind: 'text', label: 'f_vendorCountry' },
  { name: 'vendorUrl', kind: 'url', label: 'f_vendorUrl' },
  { name: 'category', kind: 'text', label: 'f_category', required: true },
  { name: 'match', kind: 'lines', label: 'f_match', required: true },
];
const AGREEMENT: Field[] = [
  { name: 'modelVersion', kind: 'text', label: 'f_modelVersion' },
  { name: 'signedOn', kind: 'date', label: 'f_signedOn' },
  { name: 'validUntil', kind: 'date', label: 'f_validUntil' },
  { name: 'reference', kind: 'text', label: 'f_reference' },
  { name: 'bijsluiterVersion', kind: 'text', label: 'f_bijsluiterVersion' },
];
const USE: Field[] = [
  { name: 'conditions', kind: 'lines', label: 'f_conditions' },
  { name: 'reason', kind: 'long', label: 'f_reason' },
  { name: 'alternatives', kind: 'text', label: 'f_alternatives' },
];
const SHEET: Field[] = [
  { name: 'productDescription', kind: 'long', label: 'f_productDescription' },
  { name: 'productUrl', kind: 'url', label: 'f_productUrl' },
  { name: 'users', kind: 'lines', label: 'f_users' },
  { name: 'servicesCore', kind: 'lines', label: 'f_servicesCore' },
  { name: 'servicesOptional', kind: 'lines', label: 'f_servicesOptional' },
  { name: 'dataCategories', kind: 'lines', label: 'f_dataCategories' },
  { name: 'dataOptional', kind: 'lines', label: 'f_dataOptional' },
  { name: 'dataSpecial', kind: 'lines', label: 'f_dataSpecial' },
  { name: 'certifications', kind: 'lines', label: 'f_certifications' },
  { name: 'audits', kind: 'lines', label: 'f_audits' },
  { name: 'storageCountries', kind: 'text', label: 'f_storageCountries' },
  { name: 'processingCountries', kind: 'text', label: 'f_processingCountries' },
  { name: 'subprocessors', kind: 'lines', label: 'f_subprocessors' },
  { name: 'contactEmail', kind: 'email', label: 'f_contactEmail' },
  { name: 'contactPhone', kind: 'text', label: 'f_contactPhone' },
  { name: 'contactUrl', kind: 'url', label: 'f_contactUrl' },
  { name: 'sheetVersion', kind: 'text', label: 'f_sheetVersion' },
  { name: 'sheetDate', kind: 'date', label: 'f_sheetDate' },
  { name: 'sheetUrl', kind: 'url', label: 'f_sheetUrl' },
];

const AUDIENCES = ['PO', 'VO', 'MBO', 'HO', 'SO', 'VSO'];
const PURPOSES = 'abcdefghijklmnopqrstu'.split('');

function Input({ page, field, form, prefix, disabled }: { page: PageContext; field: Field; form: ToolForm; prefix: string; disabled: boolean }) {
  const id = `${prefix}${field.name}`;
  const value = String(form[field.name] ?? '');
  return (
    <div class="field">
      <label for={id}>{page.t(field.label)}</label>
      {field.kind === 'lines' || field.kind === 'long' ? (
        <textarea id={id} name={field.name} rows={field.kind === 'lines' ? 3 : 2} required={field.required} disabled={disabled}>{value}</textarea>
      ) : (
        <input id={id} name={field.name} type={field.kind === 'url' ? 'url' : field.kind === 'email' ? 'email' : field.kind === 'date' ? 'date' : 'text'} value={value} required={field.required} disabled={disabled} />
      )}
    </div>
  );
}

function Choices({ page, name, legend, options, form, prefix, disabled, labels }: { page: PageContext; name: string; legend: ConsoleKey; options: string[]; form: ToolForm; prefix: string; disabled: boolean; labels?: (o: string) => string }) {
  const chosen = new Set(Array.isArray(form[name]) ? (form[name] as string[]) : [String(form[name] ?? '')]);
  return (
    <fieldset class="choices">
      <legend>{page.t(legend)}</legend>
      {options.map((option) => (
        <label key={option} for={`${prefix}${name}-${option}`} class="choice">
          <input type="checkbox" id={`${prefix}${name}-${option}`} name={name} value={option} checked={chosen.has(option)} disabled={disabled} /> {labels ? labels(option) : option}
        </label>
      ))}
    </fieldset>
  );
}

function Select({ page, name, label, options, form, prefix, disabled }: { page: PageContext; name: string; label: ConsoleKey; options: [string, string][]; form: ToolForm; prefix: string; disabled: boolean }) {
  const value = String(form[name] ?? '');
  return (
    <div class="field">
      <label for={`${prefix}${name}`}>{page.t(label)}</label>
      <select id={`${prefix}${name}`} name={name} disabled={disabled}>
        {options.map(([v, text]) => <option key={v} value={v} selected={v === value}>{text}</option>)}
      </select>
    </div>
  );
}

/** A problem's place: the tool (by id) and the field inside it, as an FG reads it. */
function Where({ problem }: { problem: Problem }) {
  const field = problem.path.replace(/^tools\[\d+\]\.?/, '');
  return (
    <>
      {problem.toolId ? <strong>{problem.toolId}</strong> : null}
      {problem.toolId && field ? ' · ' : null}
      {field ? <code>{field}</code> : null}
      {problem.toolId || field ? ': ' : null}
    </>
  );
}

export function ProblemList({ page, problems }: { page: PageContext; problems: readonly Problem[] }) {
  const errors = problems.filter((p) => p.level === 'error');
  const warnings = problems.filter((p) => p.level === 'warning');
  return (
    <>
      {errors.length > 0 ? (
        <div class="problems errors" role="alert">
          <h2><span aria-hidden="true">✕ </span>{page.t('errorsFix')}</h2>
          <ul>{errors.map((p, i) => <li key={i}><Where problem={p} />{p.message}</li>)}</ul>
        </div>
      ) : null}
      {warnings.length > 0 ? (
        <div class="problems warnings">
          <h2><span aria-hidden="true">! </span>{page.t('warnings')}</h2>
          <ul>{warnings.map((p, i) => <li key={i}><Where problem={p} />{p.message}</li>)}</ul>
        </div>
      ) : null}
    </>
  );
}

export function ToolFields({ page, form, prefix = '', disabled = false }: { page: PageContext; form: ToolForm; prefix?: string; disabled?: boolean }) {
  const fields = (list: Field[]) => list.map((field) => <Input key={field.name} page={page} field={field} form={form} prefix={prefix} disabled={disabled} />);
  return (
    <div class="tool-fields">
      <fieldset>
        <legend>{page.t('sectionGeneral')}</legend>
        {fields(GENERAL)}
        <Select page={page} name="status" label="f_status" form={form} prefix={prefix} disabled={disabled} options={(['approved', 'pending', 'rejected', 'unvetted'] as const).map((s) => [s, page.t(`toolStatus_${s}`)])} />
      </fieldset>
      <fieldset>
        <legend>{page.t('sectionAgreement')}</legend>
        <Select page={page} name="agreementType" label="f_agreementType" form={form} prefix={prefix} disabled={disabled} options={[['', page.t('none')], ['model-verwerkersovereenkomst', page.t('typeModel')], ['other', page.t('typeOther')]]} />
        {fields(AGREEMENT)}
      </fieldset>
      <fieldset>
        <legend>{page.t('sectionUse')}</legend>
        {fields(USE)}
      </fieldset>
      <details class="sheet-fields">
        <summary>{page.t('sectionSheet')}</summary>
        <fieldset>
        <legend>{page.t('sectionSheet')}</legend>
        <Choices page={page} name="audience" legend="f_audience" options={AUDIENCES} form={form} prefix={prefix} disabled={disabled} />
        <Select page={page} name="sheetType" label="f_sheetType" form={form} prefix={prefix} disabled={disabled} options={[['', page.t('none')], ['leermiddel', 'I. leermiddel'], ['informatiemiddel', 'II. informatiemiddel']]} />
        <Choices page={page} name="purposes" legend="f_purposes" options={PURPOSES} form={form} prefix={prefix} disabled={disabled} labels={(letter) => `${letter}. ${extensionText(`purpose_${letter}` as MessageKey)}`} />
        {fields(SHEET)}
        </fieldset>
      </details>
    </div>
  );
}
