import type { TRequestContent, TTracingRule, TUiLanguage } from '@focal/shared';

/**
 * The text of an identify-and-freeze request drafted from a traced holding, in the drafter's
 * language. It is a draft: the officer reads it, completes the proceedings and sends it. The
 * figures come from the saved analysis, never from the browser, and the analysis is named so
 * the amount can be reproduced.
 */
export interface FreezeDraftFacts {
  account: string;
  bank: string | null;
  holder: string | null;
  jurisdiction: string;
  amount: string;
  currency: string;
  rule: TTracingRule;
  analysisTitle: string;
  analysisId: string;
  analysisDate: string;
  ledgerVersion: string;
  statements: number;
  seeds: { date: string; amount: string; from: string; to: string }[];
  caseReference: string;
  caseTitle: string;
}

type Texts = {
  rule: Record<TTracingRule, string>;
  title: (f: FreezeDraftFacts) => string;
  object: (f: FreezeDraftFacts) => string;
  proceedings: (f: FreezeDraftFacts) => string;
  property: (f: FreezeDraftFacts) => string;
  persons: (f: FreezeDraftFacts) => string;
  unknownHolder: string;
};

const seedList = (f: FreezeDraftFacts) => f.seeds.map((s) => `${s.date}: ${s.amount} ${f.currency} (${s.from} → ${s.to})`).join('; ');
const bankOf = (f: FreezeDraftFacts) => (f.bank ? ` — ${f.bank}` : '');

const TEXTS: Record<TUiLanguage, Texts> = {
  en: {
    rule: { fifo: 'first in, first out (FIFO)', lifo: 'last in, first out (LIFO)', 'pro-rata': 'pro rata (proportional)', 'clean-first': 'clean money first (lowest intermediate balance)' },
    title: (f) => `Identify and freeze account ${f.account}`,
    object: (f) =>
      `We request that you identify the account ${f.account} and its holder, and freeze the funds in it (UNCAC art. 55(2)).\n\n` +
      `Tracing the bank statements of our case ${f.caseReference}, the account holds ${f.amount} ${f.currency} of the proceeds under the rule "${TEXTS.en.rule[f.rule]}". ` +
      `The traced funds come from: ${seedList(f)}.\n\n` +
      `The figure comes from the tracing analysis "${f.analysisTitle}" of ${f.analysisDate} (id ${f.analysisId}), computed from ${f.statements} bank statement(s); ledger version SHA-256 ${f.ledgerVersion}.`,
    proceedings: (f) => `Criminal investigation in case ${f.caseReference} (${f.caseTitle}).`,
    property: (f) => `Bank account ${f.account}${bankOf(f)}, in ${f.jurisdiction}, held by ${f.holder ?? TEXTS.en.unknownHolder}. Traced amount: ${f.amount} ${f.currency} (rule: ${TEXTS.en.rule[f.rule]}).`,
    persons: (f) => f.holder ?? TEXTS.en.unknownHolder,
    unknownHolder: 'holder not known: please identify',
  },
  fr: {
    rule: { fifo: 'premier entré, premier sorti (FIFO)', lifo: 'dernier entré, premier sorti (LIFO)', 'pro-rata': 'au prorata (proportionnelle)', 'clean-first': 'fonds licites d’abord (solde intermédiaire le plus bas)' },
    title: (f) => `Identification et gel du compte ${f.account}`,
    object: (f) =>
      `Nous vous demandons d’identifier le compte ${f.account} et son titulaire, et de geler les fonds qui s’y trouvent (CNUCC art. 55, par. 2).\n\n` +
      `Selon le traçage des relevés bancaires de notre affaire ${f.caseReference}, ce compte détient ${f.amount} ${f.currency} du produit de l’infraction selon la règle « ${TEXTS.fr.rule[f.rule]} ». ` +
      `Les fonds tracés proviennent de : ${seedList(f)}.\n\n` +
      `Ce montant résulte de l’analyse de traçage « ${f.analysisTitle} » du ${f.analysisDate} (identifiant ${f.analysisId}), calculée sur ${f.statements} relevé(s) bancaire(s) ; version du grand livre SHA-256 ${f.ledgerVersion}.`,
    proceedings: (f) => `Enquête pénale dans l’affaire ${f.caseReference} (${f.caseTitle}).`,
    property: (f) => `Compte bancaire ${f.account}${bankOf(f)}, situé en ${f.jurisdiction}, détenu par ${f.holder ?? TEXTS.fr.unknownHolder}. Montant tracé : ${f.amount} ${f.currency} (règle : ${TEXTS.fr.rule[f.rule]}).`,
    persons: (f) => f.holder ?? TEXTS.fr.unknownHolder,
    unknownHolder: 'titulaire inconnu : à identifier',
  },
  es: {
    rule: { fifo: 'primero en entrar, primero en salir (FIFO)', lifo: 'último en entrar, primero en salir (LIFO)', 'pro-rata': 'a prorrata (proporcional)', 'clean-first': 'fondos lícitos primero (saldo intermedio más bajo)' },
    title: (f) => `Identificación y embargo preventivo de la cuenta ${f.account}`,
    object: (f) =>
      `Solicitamos que identifiquen la cuenta ${f.account} y a su titular, y que embarguen preventivamente los fondos que contiene (CNUCC art. 55, párr. 2).\n\n` +
      `Según el rastreo de los extractos bancarios de nuestro caso ${f.caseReference}, la cuenta contiene ${f.amount} ${f.currency} del producto del delito conforme a la regla «${TEXTS.es.rule[f.rule]}». ` +
      `Los fondos rastreados proceden de: ${seedList(f)}.\n\n` +
      `La cifra resulta del análisis de rastreo «${f.analysisTitle}» del ${f.analysisDate} (identificador ${f.analysisId}), calculado sobre ${f.statements} extracto(s) bancario(s); versión del libro mayor SHA-256 ${f.ledgerVersion}.`,
    proceedings: (f) => `Investigación penal en el caso ${f.caseReference} (${f.caseTitle}).`,
    property: (f) => `Cuenta bancaria ${f.account}${bankOf(f)}, en ${f.jurisdiction}, cuyo titular es ${f.holder ?? TEXTS.es.unknownHolder}. Importe rastreado: ${f.amount} ${f.currency} (regla: ${TEXTS.es.rule[f.rule]}).`,
    persons: (f) => f.holder ?? TEXTS.es.unknownHolder,
    unknownHolder: 'titular desconocido: se ruega identificarlo',
  },
  ar: {
    rule: { fifo: 'الوارد أولاً يُصرف أولاً (FIFO)', lifo: 'الوارد أخيراً يُصرف أولاً (LIFO)', 'pro-rata': 'التوزيع النسبي', 'clean-first': 'الأموال المشروعة تُصرف أولاً (أدنى رصيد وسيط)' },
    title: (f) => `تحديد الحساب ${f.account} وتجميده`,
    object: (f) =>
      `نطلب تحديد الحساب ${f.account} وصاحبه، وتجميد الأموال الموجودة فيه (المادة 55، الفقرة 2 من اتفاقية الأمم المتحدة لمكافحة الفساد).\n\n` +
      `وفقاً لتتبّع الكشوف المصرفية في قضيتنا ${f.caseReference}، يحتفظ هذا الحساب بمبلغ ${f.amount} ${f.currency} من العائدات وفق قاعدة «${TEXTS.ar.rule[f.rule]}». ` +
      `مصدر الأموال المتتبَّعة: ${seedList(f)}.\n\n` +
      `هذا الرقم ناتج عن تحليل التتبّع «${f.analysisTitle}» بتاريخ ${f.analysisDate} (المعرّف ${f.analysisId})، المحسوب من ${f.statements} كشف(كشوف) مصرفي؛ إصدار دفتر الأستاذ SHA-256 ${f.ledgerVersion}.`,
    proceedings: (f) => `تحقيق جنائي في القضية ${f.caseReference} (${f.caseTitle}).`,
    property: (f) => `الحساب المصرفي ${f.account}${bankOf(f)}، في ${f.jurisdiction}، وصاحبه ${f.holder ?? TEXTS.ar.unknownHolder}. المبلغ المتتبَّع: ${f.amount} ${f.currency} (القاعدة: ${TEXTS.ar.rule[f.rule]}).`,
    persons: (f) => f.holder ?? TEXTS.ar.unknownHolder,
    unknownHolder: 'صاحب الحساب غير معروف: يرجى تحديده',
  },
};

export function freezeDraft(language: TUiLanguage, facts: FreezeDraftFacts): { title: string; content: TRequestContent } {
  const texts = TEXTS[language];
  return {
    title: texts.title(facts).slice(0, 300),
    content: {
      objectAndReason: texts.object(facts).slice(0, 10_000),
      natureOfProceedings: texts.proceedings(facts).slice(0, 2_000),
      propertySought: texts.property(facts).slice(0, 10_000),
      personsInvolved: texts.persons(facts).slice(0, 10_000),
    },
  };
}
