/**
 * The tool editor's fields, grouped as the FG thinks about a tool: the tool and supplier, the
 * agreement, its use in school, and the privacy sheet A–H. Used on its own page and inside a
 * request's decision form. Every field has a visible label; problems are listed above the form.
 */
import { DEFAULT_FRAMEWORK, isFramework, purposeLetters, purposeMessageKey } from '../../lib/register/framework';
import type { Problem } from '../../lib/register/lint';
import { t as extensionText, type MessageKey } from '../../lib/i18n';
import { fieldForPath, isSheetField, type ToolForm } from '../lib/tool-form';
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
  { name: 'signIn', kind: 'lines', label: 'f_signIn' },
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

interface FieldState {
  page: PageContext;
  form: ToolForm;
  prefix: string;
  disabled: boolean;
  /** Fields with an error, each with the id of the message that describes it. */
  invalid: Map<string, string>;
  /** Fields that may not change (the id of an existing tool). */
  fixed: ReadonlySet<string>;
}

function Input({ state, field }: { state: FieldState; field: Field }) {
  const { page, form, prefix, disabled, invalid } = state;
  const id = `${prefix}${field.name}`;
  const value = String(form[field.name] ?? '');
  const error = invalid.get(field.name);
  const common = { id, name: field.name, disabled, 'aria-invalid': error ? ('true' as const) : undefined, 'aria-describedby': error };
  return (
    <div class="field">
      <label for={id}>{page.t(field.label)}</label>
      {field.kind === 'lines' || field.kind === 'long' ? (
        <textarea {...common} rows={field.kind === 'lines' ? 3 : 2}>{value}</textarea>
      ) : (
        <input {...common} type={field.kind === 'date' ? 'date' : 'text'} inputMode={field.kind === 'url' ? 'url' : field.kind === 'email' ? 'email' : undefined} value={value} readOnly={state.fixed.has(field.name)} />
      )}
    </div>
  );
}

function Choices({ state, name, legend, options, labels }: { state: FieldState; name: string; legend: ConsoleKey; options: string[]; labels?: (o: string) => string }) {
  const { page, form, prefix, disabled } = state;
  const chosen = new Set(Array.isArray(form[name]) ? (form[name] as string[]) : [String(form[name] ?? '')]);
  return (
    <fieldset class="choices" aria-invalid={state.invalid.has(name) ? 'true' : undefined} aria-describedby={state.invalid.get(name)}>
      <legend>{page.t(legend)}</legend>
      {options.map((option) => (
        <label key={option} for={`${prefix}${name}-${option}`} class="choice">
          <input type="checkbox" id={`${prefix}${name}-${option}`} name={name} value={option} checked={chosen.has(option)} disabled={disabled} /> {labels ? labels(option) : option}
        </label>
      ))}
    </fieldset>
  );
}

function Select({ state, name, label, options }: { state: FieldState; name: string; label: ConsoleKey; options: [string, string][] }) {
  const { page, form, prefix, disabled } = state;
  const value = String(form[name] ?? '');
  const error = state.invalid.get(name);
  return (
    <div class="field">
      <label for={`${prefix}${name}`}>{page.t(label)}</label>
      <select id={`${prefix}${name}`} name={name} disabled={disabled} aria-invalid={error ? 'true' : undefined} aria-describedby={error}>
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

/** The checks' own words are English: marked as such on a Dutch page, so a screen reader says them right. */
export function CheckText({ page, text }: { page: PageContext; text: string }) {
  return page.lang === 'en' ? <>{text}</> : <span lang="en">{text}</span>;
}

/** The id of the message that describes problem `index` (fields point at it with aria-describedby). */
export const problemId = (prefix: string, index: number) => `${prefix}problem-${index}`;

/**
 * Errors first, as a summary the page puts right under its heading and moves focus to (autofocus,
 * no script), each linking to its field; then warnings.
 */
export function ProblemList({ page, problems, prefix = '', heading = 'errorsFix' }: { page: PageContext; problems: readonly Problem[]; prefix?: string; heading?: ConsoleKey }) {
  const errors = problems.filter((p) => p.level === 'error');
  const warnings = problems.filter((p) => p.level === 'warning');
  return (
    <>
      {errors.length > 0 ? (
        <div class="problems errors" role="alert" tabIndex={-1} autoFocus>
          <h2><span aria-hidden="true">✕ </span>{page.t(heading)}</h2>
          <ul>
            {errors.map((p, i) => {
              const field = fieldForPath(p.path);
              return (
                <li key={i} id={problemId(prefix, i)}>
                  <Where problem={p} />
                  {field ? <a href={`#${prefix}${field}`}><CheckText page={page} text={p.message} /></a> : <CheckText page={page} text={p.message} />}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      {warnings.length > 0 ? (
        <div class="problems warnings">
          <h2><span aria-hidden="true">! </span>{page.t('warnings')}</h2>
          <ul>{warnings.map((p, i) => <li key={i}><Where problem={p} /><CheckText page={page} text={p.message} /></li>)}</ul>
        </div>
      ) : null}
    </>
  );
}

/** Fields with an error → the id of the message about it. */
export function invalidFields(problems: readonly Problem[], prefix = ''): Map<string, string> {
  const invalid = new Map<string, string>();
  problems.filter((p) => p.level === 'error').forEach((p, i) => {
    const field = fieldForPath(p.path);
    if (field && !invalid.has(field)) invalid.set(field, problemId(prefix, i));
  });
  return invalid;
}

export function ToolFields({ page, form, prefix = '', disabled = false, problems = [], fixedId = false }: { page: PageContext; form: ToolForm; prefix?: string; disabled?: boolean; problems?: readonly Problem[]; fixedId?: boolean }) {
  const state: FieldState = { page, form, prefix, disabled, invalid: invalidFields(problems, prefix), fixed: new Set(fixedId ? ['id'] : []) };
  const fields = (list: Field[]) => list.map((field) => <Input key={field.name} state={state} field={field} />);
  // the privacy sheet is folded, unless one of its fields has a problem the FG must see
  const sheetOpen = [...state.invalid.keys()].some(isSheetField);
  return (
    <div class="tool-fields">
      <fieldset>
        <legend>{page.t('sectionGeneral')}</legend>
        {fields(GENERAL)}
        <Select state={state} name="status" label="f_status" options={(['approved', 'pending', 'rejected', 'unvetted'] as const).map((s) => [s, page.t(`toolStatus_${s}`)])} />
      </fieldset>
      <fieldset>
        <legend>{page.t('sectionAgreement')}</legend>
        <Select state={state} name="agreementType" label="f_agreementType" options={[['', page.t('none')], ['model-verwerkersovereenkomst', page.t('typeModel')], ['other', page.t('typeOther')]]} />
        {fields(AGREEMENT)}
      </fieldset>
      <fieldset>
        <legend>{page.t('sectionUse')}</legend>
        {fields(USE)}
      </fieldset>
      <details class="sheet-fields" open={sheetOpen}>
        <summary>{page.t('sectionSheet')}</summary>
        <fieldset>
          <legend>{page.t('sectionSheet')}</legend>
          <Choices state={state} name="audience" legend="f_audience" options={AUDIENCES} />
          <Select state={state} name="sheetFramework" label="f_sheetFramework" options={[['', page.t('frameworkDefault')], ['convenant-4.0', page.t('frameworkConvenant')], ['intentieverklaring', page.t('frameworkIntentieverklaring')]]} />
          <Select state={state} name="sheetType" label="f_sheetType" options={[['', page.t('none')], ['leermiddel', 'I. leermiddel'], ['informatiemiddel', 'II. informatiemiddel']]} />
          {/* the letters and words of the sheet's saved framework (a sheet that names none: the Convenant,
              as the console publishes no board-level framework); a changed choice applies after saving */}
          <Choices state={state} name="purposes" legend="f_purposes" options={[...purposeLetters(isFramework(form.sheetFramework) ? form.sheetFramework : DEFAULT_FRAMEWORK)]} labels={(letter) => `${letter}. ${extensionText(purposeMessageKey(isFramework(form.sheetFramework) ? form.sheetFramework : DEFAULT_FRAMEWORK, letter) as MessageKey)}`} />
          {fields(SHEET)}
        </fieldset>
      </details>
    </div>
  );
}
