import type { LegalFormHit } from './company-name.js';
import type { LegalFamily } from './lexicon/legal-forms.js';

// Two names of one company usually carry the same legal form, or a translation of it. The same
// name under a form of another jurisdiction (Siemens AG / Siemens A.E.) or another kind of legal
// person (Kazakhmys PLC / Kazakhmys LLP) is usually a sister company. Forms written in another
// script are translations and only their family is compared: "주식회사" is rendered "Co., Ltd.".

export type LegalFormAgreement = 'same' | 'compatible' | 'close' | 'other jurisdiction' | 'other kind' | 'unknown';

const COMPANY_FAMILIES: ReadonlySet<LegalFamily> = new Set(['joint-stock', 'limited', 'state']);

export function compareLegalForms(a: readonly LegalFormHit[], b: readonly LegalFormHit[]): LegalFormAgreement {
  const specificA = a.filter((hit) => hit.form.family !== 'generic');
  const specificB = b.filter((hit) => hit.form.family !== 'generic');
  if (specificA.length === 0 || specificB.length === 0) return a.length > 0 && b.length > 0 ? 'compatible' : 'unknown';
  if (specificA.some((x) => specificB.some((y) => x.form.code === y.form.code))) return 'same';
  if (specificA.some((x) => specificB.some((y) => x.form.family === y.form.family && (!x.latin || !y.latin)))) return 'compatible';
  const jurisdictionsApart = specificA.every((x) =>
    specificB.every((y) => x.latin && y.latin && x.form.jurisdictions && y.form.jurisdictions && !x.form.jurisdictions.some((country) => y.form.jurisdictions?.includes(country))),
  );
  if (jurisdictionsApart) return 'other jurisdiction';
  const familiesApart = specificA.every((x) => specificB.every((y) => x.form.family !== y.form.family && !(COMPANY_FAMILIES.has(x.form.family) && COMPANY_FAMILIES.has(y.form.family))));
  if (familiesApart) return 'other kind';
  return 'close';
}
