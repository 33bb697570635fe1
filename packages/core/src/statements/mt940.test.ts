import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkBalance } from './tally.js';
import { StatementError } from './errors.js';
import { crossCheck, parseMt940 } from './mt940.js';
import { parseDetails86 } from './mt940-details.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

function errorOf(run: () => unknown): StatementError {
  try {
    run();
  } catch (error) {
    if (error instanceof StatementError) return error;
    throw error;
  }
  throw new Error('expected a StatementError');
}

describe('parseMt940', () => {
  const statements = parseMt940(fixture('mt940-two-statements.sta'));

  it('reads both messages of the file with account, number and balances', () => {
    expect(statements).toHaveLength(2);
    const [first, second] = statements;
    expect(first).toMatchObject({
      format: 'mt940',
      statementId: '00012/001',
      line: 2,
      account: { iban: 'FR7630006000011234567890189', currency: 'EUR' },
      openingBalance: { amountMinor: 500000, date: '2024-02-29' },
      closingBalance: { amountMinor: 620450, date: '2024-03-06' },
    });
    expect(second).toMatchObject({ statementId: '00013/001', openingBalance: { amountMinor: 620450 }, closingBalance: { amountMinor: 0, date: '2024-03-07' } });
    expect(first?.warnings).toEqual([]);
  });

  it('signs each line from its mark: C +, D −, RD (reversed debit) +, RC (reversed credit) −', () => {
    const [first] = statements;
    expect(first?.transactions.map((t) => [t.line, t.bookingDate, t.amountMinor, t.reversal ?? false, t.entryId])).toEqual([
      [6, '2024-03-04', 150000, false, 'BNK0001'],
      [11, '2024-03-05', -80000, false, 'BNK0002'],
      [14, '2024-03-05', 80000, true, 'BNK0003'],
      [17, '2024-03-06', -25000, true, 'BNK0004'],
      [19, '2024-03-06', -4550, false, 'BNK0005'],
    ]);
  });

  it('reads multi-line :86: details: counterparty, reference and remittance', () => {
    const [first, second] = statements;
    expect(first?.transactions[0]).toEqual({
      line: 6,
      bookingDate: '2024-03-04',
      amountMinor: 150000,
      currency: 'EUR',
      entryId: 'BNK0001',
      reference: 'E2E-TRF-0042',
      counterpartyName: 'Muster Trading GmbH',
      counterpartyAccount: 'DE89370400440532013000',
      counterpartyBic: 'COBADEFFXXX',
      description: 'Consulting fees invoice 2024-03',
    });
    expect(first?.transactions[1]).toMatchObject({ counterpartyName: 'Cabinet Dupont Avocats', counterpartyAccount: 'FR1420041010050500013M02606', description: 'Honoraires mars' });
    expect(first?.transactions[2]?.description).toBe('RETOUR VIREMENT COMPTE CLOTURE HONORAIRES MARS');
    expect(second?.transactions[0]).toMatchObject({ amountMinor: -620450, reference: 'CLOSE-0001', counterpartyName: 'Offshore Holdings Ltd', counterpartyAccount: 'CH9300762011623852957' });
  });

  it('checks the balances: both statements balance', () => {
    for (const statement of statements) expect(checkBalance(statement)).toMatchObject({ status: 'balanced', ok: true });
  });

  it('reads German ?-subfields, an account number with bank code, and an entry date in the next year', () => {
    const [statement] = parseMt940(fixture('mt940-german.sta').toString('utf8'));
    expect(statement?.account).toEqual({ number: '37040044/0532013000', currency: 'EUR' });
    expect(statement?.transactions).toEqual([
      {
        line: 8,
        bookingDate: '2024-01-02',
        valueDate: '2023-12-29',
        amountMinor: 10000,
        currency: 'EUR',
        reference: 'E2E-JAN-01',
        counterpartyName: 'Hans Meier Immobilienverwaltung GmbH',
        counterpartyAccount: 'DE44500105175407324931',
        counterpartyBic: 'DEUTDEFFXXX',
        description: 'Miete Januar 2024 Wohnung 3',
      },
      { line: 12, bookingDate: '2024-01-02', amountMinor: -2000, currency: 'EUR', description: 'Kontofuehrung Dezember' },
    ]);
    expect(checkBalance(statement!).ok).toBe(true);
    expect(statement?.warnings).toEqual([]);
  });

  it('keeps three decimals where mt940js rounds to two, and says that it disagreed', () => {
    const [statement] = parseMt940(fixture('mt940-kwd.sta'));
    expect(statement?.transactions[0]).toMatchObject({ amountMinor: -10125, currency: 'KWD', reference: 'KW-PAY-77', counterpartyName: 'Gulf Property Co', description: 'Rent March' });
    expect(statement?.closingBalance?.amountMinor).toBe(989875);
    expect(checkBalance(statement!).ok).toBe(true);
    expect(statement?.warnings).toEqual([
      'mt940js disagrees on the closing balance: mt940js reads 989.880 KWD, the raw field 989.875 KWD; the raw field is used.',
      'mt940js disagrees on line 5: mt940js reads -10.120 KWD, the raw :61: field -10.125 KWD; the raw field is used.',
    ]);
  });

  it('trusts the raw :61: field when the second reader gets a sign wrong', () => {
    const [statement] = parseMt940(fixture('mt940-two-statements.sta'));
    // A reader that takes RD as a debit, as some parsers do.
    const wrong = () => [
      {
        openingBalance: 5000,
        closingBalance: 6204.5,
        transactions: [1500, -800, -800, -250, -45.5].map((amount, index) => ({ amount, date: new Date(Date.UTC(2024, 2, [4, 5, 5, 6, 6][index])) })),
      },
    ];
    statement!.warnings = [];
    crossCheck(statement!, '', wrong);
    expect(statement?.transactions[2]?.amountMinor).toBe(80000);
    expect(statement?.warnings).toEqual(['mt940js disagrees on line 14: mt940js reads -800.00 EUR, the raw :61: field 800.00 EUR; the raw field is used.']);
  });

  it('reports an unbalanced statement instead of refusing the file (as mt940js does)', () => {
    const [statement] = parseMt940(fixture('mt940-unbalanced.sta'));
    expect(statement?.transactions.map((t) => t.amountMinor)).toEqual([150000, -80000]);
    expect(checkBalance(statement!)).toMatchObject({ status: 'unbalanced', ok: false, expectedClosingMinor: 570000, differenceMinor: 10000 });
    expect(statement?.warnings).toEqual([]);
  });

  it('reports a truncated file', () => {
    const text = fixture('mt940-two-statements.sta').toString('utf8');
    // Cut inside the first message block.
    const inBlock = text.slice(0, text.indexOf(':61:2403050305RD'));
    expect(errorOf(() => parseMt940(inBlock)).message).toBe('line 1: the message block opened here ({4:) never ends with -}: the file looks truncated');
    // Without the envelope: the statement has no closing balance.
    const bare = fixture('mt940-unbalanced.sta').toString('utf8');
    const cut = bare.slice(0, bare.indexOf(':62F:'));
    expect(errorOf(() => parseMt940(cut)).message).toBe('line 1: the statement starting here has no closing balance (:62F: or :62M:): the file ends early, it looks truncated');
    // Cut inside a :61: field.
    const midLine = bare.slice(0, bare.indexOf('NTRFNONREF')) + '\n:62F:C240306EUR5800,00\n';
    expect(errorOf(() => parseMt940(midLine)).message).toMatch(/^line 7: the statement line :61:2403050305D800,00 is not value date YYMMDD/);
  });

  it('reports bad input clearly', () => {
    expect(errorOf(() => parseMt940('Date,Amount\n2024-03-01,100.00\n')).message).toBe('no MT940 statement found: expected a :20: field');
    const bare = fixture('mt940-unbalanced.sta').toString('utf8');
    expect(errorOf(() => parseMt940(bare.replace(':60F:C240229EUR5000,00', ':60F:C240229EUR5000.00'))).message).toMatch(/^line 4: the balance :60F:C240229EUR5000.00 is not D\/C mark/);
    expect(errorOf(() => parseMt940(bare.replace(':28C:00012/001\n', ''))).message).toBe('line 1: the statement starting here has no statement number (:28C:)');
    expect(errorOf(() => parseMt940(bare.replace('C240306EUR5800,00', 'C240306USD5800,00'))).message).toBe('line 9: the closing balance is in USD but the opening balance in EUR');
    expect(errorOf(() => parseMt940(bare.replace('D800,00', 'D800,001'))).message).toBe('line 7: the amount 800,001 has more than 2 decimals (EUR has 2 decimals)');
  });

  it('refuses a Latin-1 file read as UTF-8 and reads it as Windows-1252 when told', () => {
    const bare = fixture('mt940-unbalanced.sta').toString('utf8').replace('Cabinet Dupont Avocats', 'Cabinet Dupont Avocats Soci\u00e9t\u00e9');
    const latin1 = Buffer.from(bare, 'latin1');
    expect(() => parseMt940(latin1)).toThrow(/^line 8: the file is not valid UTF-8. It may be Latin-1 \/ Windows-1252/);
    expect(() => parseMt940(latin1.toString('utf8'))).toThrow(/^line 8: the text contains replacement characters/);
    expect(parseMt940(latin1, { encoding: 'windows-1252' })[0]?.transactions[1]?.counterpartyName).toBe('Cabinet Dupont Avocats Société');
  });
});

describe('parseDetails86', () => {
  it('reads Dutch /CNTP/ details and free text', () => {
    expect(parseDetails86(['/TRTP/SEPA OVERBOEKING/CNTP/NL91ABNA0417164300/ABNANL2A/J Jansen/Utrecht/REMI/USTD//Factuur 12/EREF/NOTPROVIDED/'], false)).toEqual({
      account: 'NL91ABNA0417164300',
      bic: 'ABNANL2A',
      name: 'J Jansen',
      description: 'Factuur 12',
    });
    expect(parseDetails86(['Card payment', 'Supermarket'], true)).toEqual({ description: 'Card payment Supermarket' });
  });
});
