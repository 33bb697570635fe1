/**
 * Common column headers of bank CSV exports in English, French, Spanish, German and
 * Portuguese, compared after normalizeHeader (lower case, accents and bracketed parts
 * removed, punctuation as spaces): "Betrag (EUR)" and "betrag" are the same header.
 */
export type CsvField =
  | 'date'
  | 'valueDate'
  | 'amount'
  | 'debit'
  | 'credit'
  | 'direction'
  | 'currency'
  | 'counterpartyName'
  | 'counterpartyAccount'
  | 'counterpartyBic'
  | 'reference'
  | 'description'
  | 'balance';

export function normalizeHeader(text: string): string {
  return text
    .replace(/\(.*?\)|\[.*?\]/g, ' ')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Exact names (normalised), in the order fields are assigned: the first field to claim a column keeps it. */
export const HEADER_NAMES: ReadonlyArray<[CsvField, readonly string[]]> = [
  [
    'valueDate',
    ['value date', 'valuta', 'valutadatum', 'wertstellung', 'wertstellungsdatum', 'date de valeur', 'date valeur', 'fecha valor', 'fecha de valor', 'data valor', 'data de valor', 'data valuta'],
  ],
  [
    'date',
    [
      'date',
      'booking date',
      'transaction date',
      'posting date',
      'posted date',
      'trans date',
      'txn date',
      'buchungstag',
      'buchungsdatum',
      'datum',
      'date operation',
      'date d operation',
      'date de l operation',
      'date comptable',
      'date de comptabilisation',
      'fecha',
      'fecha operacion',
      'fecha de operacion',
      'fecha contable',
      'data',
      'data lancamento',
      'data de lancamento',
      'data movimento',
      'data do movimento',
      'data operacao',
      'data da operacao',
    ],
  ],
  ['direction', ['soll haben', 's h', 'soll haben kennzeichen', 'debit credit', 'dr cr', 'd c', 'cd', 'credit debit', 'sens', 'debit credit indicator', 'cargo abono', 'debito credito']],
  [
    'debit',
    ['debit', 'debits', 'debit amount', 'withdrawal', 'withdrawals', 'money out', 'paid out', 'soll', 'ausgang', 'ausgaben', 'lastschrift betrag', 'debito', 'cargo', 'cargos', 'debe', 'saida', 'saidas', 'retrait', 'retraits', 'sortie', 'sorties', 'montant debit'],
  ],
  [
    'credit',
    ['credit', 'credits', 'credit amount', 'deposit', 'deposits', 'money in', 'paid in', 'haben', 'eingang', 'einnahmen', 'credito', 'abono', 'abonos', 'haber', 'entrada', 'entradas', 'versement', 'versements', 'entree', 'entrees', 'montant credit'],
  ],
  [
    'amount',
    ['amount', 'transaction amount', 'net amount', 'betrag', 'umsatz', 'montant', 'montant operation', 'importe', 'monto', 'valor', 'quantia', 'montante', 'valor do movimento'],
  ],
  ['currency', ['currency', 'ccy', 'wahrung', 'waehrung', 'devise', 'monnaie', 'moneda', 'divisa', 'moeda']],
  [
    'counterpartyName',
    [
      'name',
      'payee',
      'payer',
      'payee name',
      'payer name',
      'counterparty',
      'counterparty name',
      'beneficiary',
      'beneficiary name',
      'beguenstigter zahlungspflichtiger',
      'begunstigter zahlungspflichtiger',
      'name zahlungsbeteiligter',
      'empfanger',
      'zahlungsempfanger',
      'auftraggeber',
      'auftraggeber empfanger',
      'auftraggeber zahlungsempfanger',
      'tiers',
      'beneficiaire',
      'contrepartie',
      'nom',
      'nom du tiers',
      'beneficiario',
      'ordenante',
      'contraparte',
      'favorecido',
      'nome',
      'remitente',
      'destinatario',
    ],
  ],
  [
    'counterpartyAccount',
    [
      'iban',
      'counterparty iban',
      'counterparty account',
      'payee account',
      'payer account',
      'beneficiary account',
      'account',
      'account number',
      'kontonummer iban',
      'iban zahlungsbeteiligter',
      'kontonummer',
      'gegenkonto',
      'iban auftraggeber',
      'iban empfanger',
      'compte',
      'compte contrepartie',
      'iban beneficiaire',
      'iban contrepartie',
      'cuenta',
      'cuenta contrapartida',
      'iban contraparte',
      'conta',
      'conta contraparte',
    ],
  ],
  ['counterpartyBic', ['bic', 'swift', 'bic swift', 'swift code', 'bic swift code', 'bic zahlungsbeteiligter', 'bic beneficiaire', 'bic contrepartie']],
  [
    'reference',
    [
      'reference',
      'ref',
      'end to end reference',
      'end to end id',
      'endtoend id',
      'e2e reference',
      'transaction id',
      'transaction reference',
      'bank reference',
      'kundenreferenz',
      'referenz',
      'reference operation',
      'reference de l operation',
      'referencia',
      'referencia operacion',
      'numero de referencia',
    ],
  ],
  [
    'description',
    [
      'description',
      'details',
      'transaction details',
      'memo',
      'narrative',
      'purpose',
      'particulars',
      'notes',
      'remittance information',
      'verwendungszweck',
      'buchungstext',
      'vorgang',
      'libelle',
      'libelle operation',
      'libelle de l operation',
      'communication',
      'informations complementaires',
      'concepto',
      'descripcion',
      'observaciones',
      'descricao',
      'historico',
      'motivo',
    ],
  ],
  ['balance', ['balance', 'running balance', 'saldo', 'kontostand', 'saldo nach buchung', 'solde', 'saldo disponible', 'saldo contable']],
];

/** Words that, inside a longer header, point to a field (used when no exact name matched). */
export const HEADER_WORDS: ReadonlyArray<[CsvField, readonly string[]]> = [
  ['valueDate', ['valuta', 'valeur', 'wertstellung']],
  ['date', ['date', 'datum', 'fecha', 'data']],
  ['amount', ['amount', 'betrag', 'montant', 'importe', 'monto']],
  ['currency', ['currency', 'wahrung', 'waehrung', 'devise', 'moneda', 'divisa', 'moeda']],
  ['counterpartyAccount', ['iban']],
  ['counterpartyBic', ['bic', 'swift']],
  ['reference', ['reference', 'referenz', 'referencia', 'end to end']],
  ['description', ['description', 'verwendungszweck', 'libelle', 'concepto', 'descricao', 'memo']],
  ['balance', ['balance', 'saldo', 'solde']],
];

/** Values of a direction column (normalised) meaning money out, and money in. */
export const DEBIT_MARKERS = new Set(['d', 'dr', 'db', 'deb', 'debit', 'debito', 's', 'soll', 'debe', 'cargo', '-', 'out', 'sortie', 'dbit']);
export const CREDIT_MARKERS = new Set(['c', 'cr', 'cred', 'credit', 'credito', 'h', 'haben', 'haber', 'abono', '+', 'in', 'entree', 'crdt']);

export function directionOf(value: string): 'debit' | 'credit' | undefined {
  const key = value.trim() === '-' || value.trim() === '+' ? value.trim() : normalizeHeader(value);
  if (DEBIT_MARKERS.has(key)) return 'debit';
  if (CREDIT_MARKERS.has(key)) return 'credit';
  return undefined;
}
