// Company legal forms, generic across jurisdictions. Phrases are folded lowercase ASCII tokens
// (dots dropped, so "S.A.R.L." is "sarl"). A form says what kind of legal person a company is;
// it is compared apart from the name because the same name under another form is often a
// different company (a subsidiary elsewhere), while translation blurs close forms
// ("Co., Ltd." is the usual English for the Korean and Japanese joint-stock company).

/** Broad kind of legal person: forms of different families rarely describe one company. */
export type LegalFamily = 'joint-stock' | 'limited' | 'partnership' | 'state' | 'generic' | 'cooperative' | 'foundation';

export interface LegalForm {
  /** Canonical short code shown to the investigator. */
  code: string;
  family: LegalFamily;
  /** Countries whose law defines the form, when it belongs to a few only. */
  jurisdictions?: readonly string[];
}

const f = (code: string, family: LegalFamily, jurisdictions?: string[]): LegalForm => ({ code, family, jurisdictions });

const JOINT_STOCK = f('SA', 'joint-stock');
const LIMITED = f('Ltd', 'limited');
const GERMANIC = ['DE', 'AT', 'CH', 'LI', 'LU'];
const RUSSIAN = ['RU', 'BY', 'KZ', 'KG', 'UZ', 'TJ', 'AM', 'AZ', 'MD'];
const UKRAINIAN = ['UA'];

/** Phrase (space-separated folded tokens) to legal form. Longer phrases win over their parts. */
export const LEGAL_FORM_PHRASES: ReadonlyMap<string, LegalForm> = new Map<string, LegalForm>([
  // Joint-stock and public companies.
  ['sa', JOINT_STOCK], ['s a', JOINT_STOCK], ['societe anonyme', JOINT_STOCK], ['sociedad anonima', JOINT_STOCK],
  ['sociedade anonima', JOINT_STOCK], ['saic', JOINT_STOCK], ['saog', JOINT_STOCK], ['saoc', JOINT_STOCK], ['sae', JOINT_STOCK],
  ['sa de cv', f('SA de CV', 'joint-stock', ['MX'])], ['sab de cv', f('SAB de CV', 'joint-stock', ['MX'])], ['sapi de cv', f('SAPI de CV', 'joint-stock', ['MX'])],
  ['ag', f('AG', 'joint-stock', GERMANIC)], ['aktiengesellschaft', f('AG', 'joint-stock', GERMANIC)],
  ['ae', f('AE', 'joint-stock', ['GR', 'CY'])], ['anonymi etaireia', f('AE', 'joint-stock', ['GR', 'CY'])],
  ['spa', f('SpA', 'joint-stock', ['IT', 'CL'])], ['societa per azioni', f('SpA', 'joint-stock', ['IT'])],
  ['nv', f('NV', 'joint-stock', ['NL', 'BE', 'CW', 'SR'])], ['naamloze vennootschap', f('NV', 'joint-stock', ['NL', 'BE'])],
  ['plc', f('PLC', 'joint-stock')], ['public limited company', f('PLC', 'joint-stock')],
  ['ab', f('AB', 'joint-stock', ['SE', 'FI'])], ['aktiebolag', f('AB', 'joint-stock', ['SE', 'FI'])], ['aktiebolaget', f('AB', 'joint-stock', ['SE', 'FI'])],
  ['publ', f('AB', 'joint-stock', ['SE'])],
  ['as', f('AS', 'joint-stock', ['DK', 'NO', 'EE', 'CZ', 'SK'])], ['asa', f('ASA', 'joint-stock', ['NO'])], ['aps', f('ApS', 'limited', ['DK'])],
  ['aktieselskab', f('AS', 'joint-stock', ['DK'])], ['aksjeselskap', f('AS', 'joint-stock', ['NO'])],
  ['oyj', f('Oyj', 'joint-stock', ['FI'])], ['oy', f('Oy', 'limited', ['FI'])],
  ['jsc', f('JSC', 'joint-stock')], ['pjsc', f('PJSC', 'joint-stock')], ['ojsc', f('OJSC', 'joint-stock')], ['cjsc', f('CJSC', 'joint-stock')],
  ['joint stock company', f('JSC', 'joint-stock')], ['public joint stock company', f('PJSC', 'joint-stock')], ['joint stock', f('JSC', 'joint-stock')],
  ['open joint stock company', f('OJSC', 'joint-stock')], ['closed joint stock company', f('CJSC', 'joint-stock')],
  ['ao', f('AO', 'joint-stock', RUSSIAN)], ['pao', f('PJSC', 'joint-stock', RUSSIAN)], ['oao', f('OJSC', 'joint-stock', RUSSIAN)],
  ['zao', f('CJSC', 'joint-stock', RUSSIAN)], ['nao', f('AO', 'joint-stock', RUSSIAN)],
  ['aktsionernoe obshchestvo', f('AO', 'joint-stock', RUSSIAN)], ['publichnoe aktsionernoe obshchestvo', f('PJSC', 'joint-stock', RUSSIAN)],
  ['pat', f('PJSC', 'joint-stock', UKRAINIAN)], ['prat', f('PrJSC', 'joint-stock', UKRAINIAN)], ['at', f('JSC', 'joint-stock', UKRAINIAN)],
  ['vat', f('OJSC', 'joint-stock', UKRAINIAN)], ['zat', f('CJSC', 'joint-stock', UKRAINIAN)],
  ['nak', f('NJSC', 'joint-stock')], ['akb', f('JSC', 'joint-stock', RUSSIAN)], ['kb', f('JSC', 'joint-stock', RUSSIAN)],
  ['berhad', f('Bhd', 'joint-stock', ['MY', 'BN'])], ['bhd', f('Bhd', 'joint-stock', ['MY', 'BN'])], ['tbk', f('Tbk', 'joint-stock', ['ID'])],
  ['kk', f('KK', 'joint-stock', ['JP'])], ['kabushiki kaisha', f('KK', 'joint-stock', ['JP'])],
  ['a s', f('AS', 'joint-stock')], ['sas', f('SAS', 'joint-stock', ['FR', 'CO'])],
  ['se', f('SE', 'joint-stock')], ['psc', f('PSC', 'joint-stock')], ['qsc', f('QSC', 'joint-stock', ['QA'])], ['qpsc', f('QPSC', 'joint-stock', ['QA'])],
  ['bsc', f('BSC', 'joint-stock', ['BH'])], ['kscp', f('KSCP', 'joint-stock', ['KW'])], ['saudi joint stock company', f('SJSC', 'joint-stock', ['SA'])],
  ['ad', f('AD', 'joint-stock', ['BG', 'RS', 'MK', 'BA', 'ME'])], ['dd', f('dd', 'joint-stock', ['SI', 'HR', 'BA'])],
  ['zrt', f('Zrt', 'joint-stock', ['HU'])], ['nyrt', f('Nyrt', 'joint-stock', ['HU'])],
  ['co phan', f('JSC', 'joint-stock', ['VN'])], ['tmcp', f('JSC', 'joint-stock', ['VN'])],
  ['sanayi ve ticaret as', f('AS', 'joint-stock', ['TR'])],
  // Private limited companies.
  ['ltd', LIMITED], ['limited', LIMITED], ['llc', f('LLC', 'limited')], ['l l c', f('LLC', 'limited')], ['co ltd', LIMITED], ['company limited', LIMITED],
  ['pte ltd', f('Pte Ltd', 'limited', ['SG'])], ['private limited', f('Pte Ltd', 'limited')], ['pvt ltd', f('Pvt Ltd', 'limited', ['IN', 'PK', 'LK', 'BD', 'NP'])],
  ['pvt', f('Pvt Ltd', 'limited', ['IN', 'PK', 'LK', 'BD', 'NP'])], ['pte', f('Pte Ltd', 'limited', ['SG'])],
  ['pty ltd', f('Pty Ltd', 'limited', ['AU', 'ZA'])], ['pty', f('Pty Ltd', 'limited', ['AU', 'ZA', 'NA', 'BW'])], ['proprietary limited', f('Pty Ltd', 'limited', ['AU', 'ZA'])],
  ['gmbh', f('GmbH', 'limited', GERMANIC)], ['gesellschaft mit beschrankter haftung', f('GmbH', 'limited', GERMANIC)],
  ['sarl', f('SARL', 'limited')], ['sarlu', f('SARL', 'limited')], ['eurl', f('EURL', 'limited', ['FR'])], ['sprl', f('SPRL', 'limited', ['BE'])],
  ['srl', f('SRL', 'limited')], ['sl', f('SL', 'limited', ['ES'])], ['slu', f('SL', 'limited', ['ES'])], ['ltda', f('Ltda', 'limited')],
  ['s de rl', f('S de RL', 'limited')], ['s de rl de cv', f('S de RL', 'limited', ['MX'])], ['sociedad limitada', f('SL', 'limited')],
  ['societa a responsabilita limitata', f('SRL', 'limited', ['IT'])], ['societe a responsabilite limitee', f('SARL', 'limited')],
  ['bv', f('BV', 'limited', ['NL', 'BE'])], ['besloten vennootschap', f('BV', 'limited', ['NL', 'BE'])], ['bvba', f('BVBA', 'limited', ['BE'])],
  ['sdn bhd', f('Sdn Bhd', 'limited', ['MY', 'BN'])], ['sendirian berhad', f('Sdn Bhd', 'limited', ['MY', 'BN'])],
  ['ooo', f('LLC', 'limited', RUSSIAN)], ['obshchestvo s ogranichennoy otvetstvennostyu', f('LLC', 'limited', RUSSIAN)],
  ['tov', f('LLC', 'limited', UKRAINIAN)], ['dp', f('SE', 'state', UKRAINIAN)],
  ['sp z oo', f('sp. z o.o.', 'limited', ['PL'])], ['spzoo', f('sp. z o.o.', 'limited', ['PL'])], ['sro', f('s.r.o.', 'limited', ['CZ', 'SK'])],
  ['doo', f('d.o.o.', 'limited', ['SI', 'HR', 'RS', 'BA', 'ME', 'MK'])], ['kft', f('Kft', 'limited', ['HU'])], ['ltd sti', f('Ltd Sti', 'limited', ['TR'])],
  ['epe', f('EPE', 'limited', ['GR'])], ['ike', f('IKE', 'limited', ['GR'])], ['tnhh', f('LLC', 'limited', ['VN'])],
  ['fze', f('FZE', 'limited', ['AE'])], ['fzco', f('FZCO', 'limited', ['AE'])], ['fzc', f('FZC', 'limited', ['AE'])], ['fz llc', f('FZ-LLC', 'limited', ['AE'])],
  ['dmcc', f('DMCC', 'limited', ['AE'])], ['wll', f('WLL', 'limited', ['BH', 'QA', 'KW'])], ['spc', f('SPC', 'limited')], ['ibc', f('IBC', 'limited')],
  ['yugen kaisha', f('YK', 'limited', ['JP'])], ['godo kaisha', f('GK', 'limited', ['JP'])], ['ulc', f('ULC', 'limited', ['CA'])],
  // Partnerships.
  ['llp', f('LLP', 'partnership')], ['lp', f('LP', 'partnership')], ['too', f('LLP', 'partnership', ['KZ'])], ['kg', f('KG', 'partnership', GERMANIC)],
  ['ohg', f('OHG', 'partnership', GERMANIC)], ['gbr', f('GbR', 'partnership', GERMANIC)], ['snc', f('SNC', 'partnership')], ['scs', f('SCS', 'partnership')],
  ['limited partnership', f('LP', 'partnership')], ['limited liability partnership', f('LLP', 'partnership')], ['gmbh co kg', f('GmbH & Co KG', 'partnership', GERMANIC)],
  ['tovarishchestvo s ogranichennoy otvetstvennostyu', f('LLP', 'partnership', ['KZ'])],
  // State-owned enterprises.
  ['soc', f('SOC', 'state', ['ZA'])], ['soc ltd', f('SOC Ltd', 'state', ['ZA'])], ['ep', f('EP', 'state', ['AO', 'MZ', 'PT', 'CO'])],
  ['gup', f('GUP', 'state', RUSSIAN)], ['fgup', f('FGUP', 'state', RUSSIAN)], ['soe', f('SOE', 'state')],
  // Generic designators that say "a company" without a specific form.
  ['inc', f('Inc', 'generic')], ['incorporated', f('Inc', 'generic')], ['corp', f('Corp', 'generic')], ['corporation', f('Corp', 'generic')],
  ['co', f('Co', 'generic')], ['company', f('Co', 'generic')], ['cie', f('Co', 'generic')], ['compagnie', f('Co', 'generic')], ['cia', f('Co', 'generic')],
  ['compania', f('Co', 'generic')], ['companhia', f('Co', 'generic')], ['societe', f('Co', 'generic')], ['sociedade', f('Co', 'generic')],
  ['korporatsiya', f('Corp', 'generic')], ['korporatsiia', f('Corp', 'generic')], ['kompaniya', f('Co', 'generic')], ['kompaniia', f('Co', 'generic')],
  ['cong ty', f('Co', 'generic')], ['pt', f('PT', 'limited', ['ID'])], ['cv', f('CV', 'partnership', ['ID', 'NL'])],
  ['coop', f('Coop', 'cooperative')], ['cooperative', f('Coop', 'cooperative')], ['eg', f('eG', 'cooperative', GERMANIC)],
  ['foundation', f('Foundation', 'foundation')], ['stiftung', f('Stiftung', 'foundation', GERMANIC)], ['fundacion', f('Foundation', 'foundation')],
]);

/** Abbreviations that are ordinary words in Latin text ("at", "too"): forms only when written in Cyrillic. */
export const CYRILLIC_ONLY_FORMS = new Set(['too', 'at', 'pat', 'prat', 'vat', 'zat', 'tov', 'dp', 'nak', 'akb', 'gup', 'fgup', 'kb']);

/** Cyrillic abbreviations that also say what the company does: "АБ" is a joint-stock bank. */
export const CYRILLIC_FORM_WORDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['ab', ['bank']],
  ['akb', ['bank']],
  ['kb', ['bank']],
]);

/** Latin abbreviations of a legal form that also describe the business: Vietnamese "TMCP" is a commercial joint-stock company. */
export const FORM_IMPLIED_WORDS: ReadonlyMap<string, readonly string[]> = new Map([['tmcp', ['commercial']]]);

/** The longest phrase in LEGAL_FORM_PHRASES, in tokens. */
export const LONGEST_LEGAL_PHRASE = Math.max(...[...LEGAL_FORM_PHRASES.keys()].map((phrase) => phrase.split(' ').length));

/**
 * Forms glued to a descriptive word in Nordic languages ("Telefonaktiebolaget" is
 * "telephone" + "the joint-stock company"): the whole word is the legal form.
 */
export const GLUED_LEGAL_SUFFIXES: readonly [string, LegalForm][] = [
  ['aktiebolaget', f('AB', 'joint-stock', ['SE', 'FI'])],
  ['aktiebolag', f('AB', 'joint-stock', ['SE', 'FI'])],
  ['aktieselskab', f('AS', 'joint-stock', ['DK'])],
  ['aktiengesellschaft', f('AG', 'joint-stock', GERMANIC)],
];

/** Legal forms written in CJK scripts, removed before transliteration (longest first). */
export const CJK_LEGAL_FORMS: readonly [string, LegalForm][] = [
  ['股份有限公司', f('Co Ltd (joint-stock)', 'joint-stock')],
  ['有限责任公司', f('Co Ltd', 'limited')],
  ['有限責任公司', f('Co Ltd', 'limited')],
  ['股份公司', f('Co (joint-stock)', 'joint-stock')],
  ['有限公司', f('Co Ltd', 'limited')],
  ['公司', f('Co', 'generic')],
  ['株式会社', f('KK', 'joint-stock')],
  ['有限会社', f('YK', 'limited')],
  ['合同会社', f('GK', 'limited')],
  ['(株)', f('KK', 'joint-stock')],
  ['㈱', f('KK', 'joint-stock')],
  ['주식회사', f('Co Ltd (joint-stock)', 'joint-stock')],
  ['(주)', f('Co Ltd (joint-stock)', 'joint-stock')],
  ['㈜', f('Co Ltd (joint-stock)', 'joint-stock')],
  ['유한회사', f('Ltd', 'limited')],
  ['유한책임회사', f('LLC', 'limited')],
];
