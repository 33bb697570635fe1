import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkBalance } from './tally.js';
import { parseCamt053 } from './camt053.js';
import { StatementError } from './errors.js';

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

describe('parseCamt053', () => {
  const statements = parseCamt053(fixture('camt053-two-statements.xml'));

  it('reads both statements of the file with their accounts and balances', () => {
    expect(statements).toHaveLength(2);
    const [first, second] = statements;
    expect(first?.format).toBe('camt053');
    expect(first?.statementId).toBe('STMT-2024-03-01-0532013000');
    expect(first?.line).toBe(12);
    expect(first?.account).toEqual({ iban: 'DE89370400440532013000', currency: 'EUR', bic: 'COBADEFFXXX', holder: 'Muster Trading GmbH', bank: 'Commerzbank AG' });
    expect(first?.openingBalance).toEqual({ amountMinor: 1000000, date: '2024-03-01' });
    expect(first?.closingBalance).toEqual({ amountMinor: 1098765, date: '2024-03-01' });
    // PRCD (the previous closing) opens the second statement; CLAV is not the booked closing.
    expect(second?.openingBalance).toEqual({ amountMinor: 1098765, date: '2024-03-01' });
    expect(second?.closingBalance).toEqual({ amountMinor: 778755, date: '2024-03-04' });
  });

  it('reads entries to exact signed minor units with the counterparty on the right side', () => {
    const [first] = statements;
    expect(first?.transactions).toEqual([
      {
        line: 64,
        bookingDate: '2024-03-01',
        valueDate: '2024-03-01',
        amountMinor: 250000,
        currency: 'EUR',
        entryId: 'COBA-240301-88121',
        reference: 'MPW-2024-0301',
        counterpartyName: 'Ministry of Public Works',
        counterpartyAccount: 'DE02100100100006820101',
        counterpartyBic: 'PBNKDEFFXXX',
        description: 'Contract 17/2023 advance payment',
      },
      {
        line: 124,
        bookingDate: '2024-03-01',
        valueDate: '2024-03-01',
        amountMinor: -150000,
        currency: 'EUR',
        entryId: 'COBA-240301-88122',
        reference: 'E2E-TRF-0042',
        counterpartyName: 'Société Écran SARL',
        counterpartyAccount: 'FR7630006000011234567890189',
        counterpartyBic: 'AGRIFRPPXXX',
        description: 'Consulting fees invoice 2024-03',
      },
      { line: 176, bookingDate: '2024-03-01', valueDate: '2024-03-01', amountMinor: -1235, currency: 'EUR', entryId: 'COBA-240301-88123', description: 'Kontoführungsgebühr Februar' },
    ]);
  });

  it('splits a batch into its payments, keeps reversals signed by CdtDbtInd, leaves pending entries out, decodes entities', () => {
    const second = statements[1];
    expect(second?.transactions.map((t) => [t.amountMinor, t.entryId, t.counterpartyName, t.counterpartyAccount, t.reference])).toEqual([
      [-120000, 'COBA-240304-90001/1', 'Jana Novak', 'NL91ABNA0417164300', 'SAL-2024-03-001'],
      [-180000, 'COBA-240304-90001/2', 'Peter Brandt', '0123456789', 'SAL-2024-03-002'],
      [4990, 'COBA-240304-90002', 'Telekom Deutschland GmbH', undefined, undefined],
      [-25000, 'COBA-240304-90003', 'Smith & Sons Ltd – London', 'GB29NWBK60161331926819', 'PO-7781'],
    ]);
    expect(second?.transactions[2]?.reversal).toBe(true);
    // A DtTm is read as the bank's own calendar day, not converted to UTC (which would be the 4th too, but at 22:30).
    expect(second?.transactions[3]).toMatchObject({ bookingDate: '2024-03-04', valueDate: '2024-03-05', description: 'PO 7781 <spare parts>' });
    expect(second?.warnings).toEqual(['The entry at line 349 has status PDNG, not booked: it was left out.']);
  });

  it('checks the balances: both statements balance', () => {
    for (const statement of statements) expect(checkBalance(statement)).toMatchObject({ status: 'balanced', ok: true, differenceMinor: 0 });
    expect(checkBalance(statements[1]!).message).toBe(
      'Opening balance 10987.65 EUR + 4 transactions totalling -3200.10 EUR = 7787.55 EUR, the closing balance.',
    );
  });

  it('reports an unbalanced statement (prefixed namespaces) without throwing it away', () => {
    const [statement] = parseCamt053(fixture('camt053-unbalanced.xml').toString('utf8'));
    expect(statement?.transactions.map((t) => t.amountMinor)).toEqual([250000, -150000, -1235]);
    const check = checkBalance(statement!);
    expect(check).toMatchObject({ status: 'unbalanced', ok: false, sumMinor: 98765, expectedClosingMinor: 1098765, differenceMinor: 10000 });
    expect(check.message).toBe(
      "Opening balance 10000.00 EUR + 3 transactions totalling 987.65 EUR = 10987.65 EUR, but the statement's closing balance is 11087.65 EUR: a difference of 100.00 EUR.",
    );
  });

  it('refuses XML with a DOCTYPE: an XXE attempt reads nothing', () => {
    const error = errorOf(() => parseCamt053(fixture('camt053-xxe.xml')));
    expect(error.message).toMatch(/^line 2: XML with a DOCTYPE is refused \(external entities\)/);
    expect(error.line).toBe(2);
    // Also an ENTITY without DOCTYPE, in any case, anywhere (a billion-laughs header included).
    expect(() => parseCamt053('<?xml version="1.0"?><!entity a "b"><Document/>')).toThrow(/DOCTYPE is refused/);
    expect(() => parseCamt053('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><Document>&lol2;</Document>')).toThrow(/DOCTYPE is refused/);
  });

  it('reports a truncated file', () => {
    const text = fixture('camt053-two-statements.xml').toString('utf8');
    const cut = text.slice(0, text.indexOf('<Ustrd>Salary March') + 12);
    const error = errorOf(() => parseCamt053(cut));
    expect(error.message).toMatch(/the XML ends before its elements are closed \(<Document> <BkToCstmrStmt> <Stmt> .*\): the file looks truncated$/);
    expect(error.line).toBe(cut.split('\n').length);
  });

  it('reports malformed XML, a wrong encoding and other documents clearly', () => {
    expect(() => parseCamt053('<Document><BkToCstmrStmt></Stmt></Document>')).toThrow(/^line 1: not well-formed XML/);
    const latin1 = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<Document><BkToCstmrStmt><Stmt><Acct><Ownr><Nm>Soci'), Buffer.from([0xe9]), Buffer.from('t\u00e9</Nm></Ownr></Acct></Stmt></BkToCstmrStmt></Document>')]);
    expect(() => parseCamt053(latin1)).toThrow('line 2: the file is not valid UTF-8. It may be Latin-1 / Windows-1252: import it again with the encoding windows-1252.');
    expect(() => parseCamt053('<Document><BkToCstmrAcctRpt/></Document>')).toThrow(/holds <BkToCstmrAcctRpt> \(a camt.052 report or camt.054 notification\?\)/);
    expect(() => parseCamt053('')).toThrow('the file is empty');
  });

  it('refuses more decimals than the currency has, naming the line', () => {
    const text = fixture('camt053-unbalanced.xml').toString('utf8').replace('<c53:Amt Ccy="EUR">12.35</c53:Amt>', '<c53:Amt Ccy="EUR">12.355</c53:Amt>');
    expect(() => parseCamt053(text)).toThrow('line 52: the entry\'s amount "12.355" has more than 2 decimals (EUR has 2 decimals)');
  });

  it('reads an ISO-8859-1 file declared as such', () => {
    const text = '<?xml version="1.0" encoding="ISO-8859-1"?><Document><BkToCstmrStmt><Stmt><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy><Ownr><Nm>Société Écran</Nm></Ownr></Acct></Stmt></BkToCstmrStmt></Document>';
    const [statement] = parseCamt053(Buffer.from(text, 'latin1'));
    expect(statement?.account.holder).toBe('Société Écran');
    expect(statement?.transactions).toEqual([]);
  });

  it('reads large files entry by entry: batches across statements, comments and CDATA, progress', () => {
    const entry = (i: number) =>
      `<Ntry>\n<Amt Ccy="EUR">${i}.01</Amt><CdtDbtInd>${i % 3 === 0 ? 'DBIT' : 'CRDT'}</CdtDbtInd><BookgDt><Dt>2024-03-01</Dt></BookgDt>` +
      `<NtryDtls><TxDtls><Refs><EndToEndId>E-${i}</EndToEndId></Refs><RmtInf><Ustrd><![CDATA[</Ntry> ${i} & more]]></Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>\n`;
    const statement = (id: string, from: number, count: number) =>
      `<Stmt><Id>${id}</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>\n<!-- <Ntry> in a comment is not an entry -->\n` +
      Array.from({ length: count }, (_, k) => entry(from + k)).join('') +
      '</Stmt>\n';
    const xml = `<?xml version="1.0"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>\n${statement('A', 1, 300)}${statement('B', 301, 700)}</BkToCstmrStmt></Document>\n`;
    const progress: number[] = [];
    const [a, b] = parseCamt053(xml, { onProgress: ({ entries, totalEntries }) => progress.push(entries / totalEntries) });
    expect([a?.transactions.length, b?.transactions.length]).toEqual([300, 700]);
    expect(progress).toEqual([1, 1]);
    const all = [...a!.transactions, ...b!.transactions];
    all.forEach((transaction, index) => {
      const i = index + 1;
      expect(transaction.amountMinor).toBe((i % 3 === 0 ? -1 : 1) * (i * 100 + 1));
      expect(transaction.reference).toBe(`E-${i}`);
      expect(transaction.description).toBe(`</Ntry> ${i} & more`);
      // Each entry takes two lines; statement B starts after A's 600 lines and its own header.
      expect(transaction.line).toBe(i <= 300 ? 5 + 2 * (i - 1) : 5 + 600 + 3 + 2 * (i - 301));
    });
  });
});

