import { CASE_SCHEMATA, editableProperties, isA, propertyOf, schemaOf, validateValue, type FtmProperty, type TEntity } from '@focal/shared';

/**
 * Properties worth showing at once beyond the model's featured ones: the model features an
 * account's number and bank but not its IBAN, and a person's name but not their aliases.
 */
const KEY_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  Person: ['alias', 'gender', 'birthPlace', 'idNumber', 'passportNumber', 'address'],
  Company: ['country', 'address', 'taxNumber', 'alias'],
  Organization: ['registrationNumber', 'address'],
  LegalEntity: ['registrationNumber', 'address'],
  BankAccount: ['iban', 'bic', 'country', 'currency', 'balance', 'balanceDate'],
  RealEstate: ['cadastralCode', 'amount', 'currency'],
  Vehicle: ['model', 'amount', 'currency'],
  Vessel: ['country', 'amount', 'currency'],
  Airplane: ['model', 'amount', 'currency'],
  Security: ['amount', 'currency'],
  CryptoWallet: ['balance', 'holder'],
  Payment: ['currency', 'payerAccount', 'beneficiaryAccount'],
  Ownership: ['ownershipType'],
};

/** A form's properties: the main ones (featured, then key ones, required always) and the rest. */
export function formProperties(schema: string): { main: FtmProperty[]; more: FtmProperty[] } {
  const description = schemaOf(schema);
  const all = editableProperties(schema);
  const wanted = [...(description?.featured ?? []), ...(description?.required ?? []), ...(KEY_PROPERTIES[schema] ?? [])];
  const byName = new Map(all.map((p) => [p.name, p]));
  const main: FtmProperty[] = [];
  for (const name of wanted) {
    const property = byName.get(name);
    if (property && !main.includes(property)) main.push(property);
  }
  return { main, more: all.filter((p) => !main.includes(p)) };
}

/** The translation function as i18next gives it (only what is used here). */
type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * A property's label in the reader's language. The model's labels are English: those that forms
 * show first (`translatedProperties`) are in the catalogues; the rest keep the model's English.
 */
export function propertyLabel(t: Translate, schema: string, prop: string): string {
  return t(`cases.props.${prop}`, { defaultValue: propertyOf(schema, prop)?.label ?? prop });
}

/** The same, for a property the caller already holds. */
export function labelOf(t: Translate, property: Pick<FtmProperty, 'name' | 'label'>): string {
  return t(`cases.props.${property.name}`, { defaultValue: property.label });
}

/** The properties whose labels are translated: those every case schema's form shows first. */
export function translatedProperties(): string[] {
  return [...new Set(CASE_SCHEMATA.flatMap((schema) => formProperties(schema).main.map((p) => p.name)))];
}

/** What a reference property may point at: the case's entities of its range (or a descendant). */
export function rangeOptions(entities: readonly TEntity[], property: Pick<FtmProperty, 'range'>): TEntity[] {
  return entities.filter((e) => (property.range ? isA(e.schema, property.range) : true));
}

/** Values as typed: property → one string per input (empty inputs included). */
export type FormValues = Record<string, string[]>;

/** Problems per property: a reason for the property as a whole, and per input by its index. */
export interface FormErrors {
  [property: string]: { reason?: string; values?: Record<number, string> };
}

export interface CheckedForm {
  /** The values to send, normalised as the server stores them; empty inputs dropped. */
  properties: Record<string, string[]>;
  errors: FormErrors;
  ok: boolean;
}

/**
 * Checks a form's values with the same rules as the server (FtM types, lengths, references to
 * entities of the case and their range), and required properties when `requireAll` is set
 * (a new entity; adding values to an existing one needs only what is given).
 */
export function checkValues(schema: string, values: FormValues, entities: readonly TEntity[], requireAll: boolean): CheckedForm {
  const properties: Record<string, string[]> = {};
  const errors: FormErrors = {};
  const byFtmId = new Map(entities.map((e) => [e.ftmId, e.schema]));
  const props = new Map(editableProperties(schema).map((p) => [p.name, p]));
  for (const [name, inputs] of Object.entries(values)) {
    const property = props.get(name);
    if (!property) {
      if (inputs.some((v) => v.trim())) errors[name] = { reason: 'unknown_property' };
      continue;
    }
    const out: string[] = [];
    inputs.forEach((raw, index) => {
      if (!raw.trim()) return;
      const result = validateValue(property.type, raw, { maxLength: property.maxLength, range: property.range, knownEntitySchemata: (id) => byFtmId.get(id) });
      if (result.ok) {
        if (!out.includes(result.value)) out.push(result.value);
      } else {
        const entry = (errors[name] ??= {});
        (entry.values ??= {})[index] = result.reason;
      }
    });
    if (out.length > 0) properties[name] = out;
  }
  if (requireAll) {
    for (const name of schemaOf(schema)?.required ?? []) {
      if (!properties[name] && !errors[name]) errors[name] = { reason: 'required' };
    }
  }
  return { properties, errors, ok: Object.keys(errors).length === 0 };
}

/** The server's `fields` (property → reason) as form errors. */
export function serverErrors(fields: Record<string, string> | undefined): FormErrors {
  const errors: FormErrors = {};
  for (const [name, reason] of Object.entries(fields ?? {})) errors[name] = { reason };
  return errors;
}
