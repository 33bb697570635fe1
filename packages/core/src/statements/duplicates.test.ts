import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCamt053 } from './camt053.js';
import { findTransferPairs, type TransferSource } from './duplicates.js';
import { parseMt940 } from './mt940.js';
import type { StatementTransaction } from './types.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe('findTransferPairs', () => {
  it('recognises the transfer from the German camt.053 in the French MT940 as one', () => {
    const [germanDay1] = parseCamt053(fixture('camt053-two-statements.xml'));
    const [french] = parseMt940(fixture('mt940-two-statements.sta'));
    const pairs = findTransferPairs([
      { accountKey: 'DE-camt', account: germanDay1!.account, transactions: germanDay1!.transactions },
      { accountKey: 'FR-mt940', account: french!.account, transactions: french!.transactions },
    ]);
    expect(pairs).toEqual([
      {
        debit: { accountKey: 'DE-camt', index: 1, line: 124 },
        credit: { accountKey: 'FR-mt940', index: 0, line: 6 },
        amountMinor: 150000,
        currency: 'EUR',
        daysApart: 3,
        confidence: 0.96,
        reasons: [
          'same amount, 1500.00 EUR',
          'booked 3 days apart (2024-03-01 and 2024-03-04)',
          "the debit's counterparty account FR7630006000011234567890189 is the account FR7630006000011234567890189 of the other statement",
          "the credit's counterparty account DE89370400440532013000 is the account DE89370400440532013000 of the other statement",
          'same reference E2E-TRF-0042',
          'the counterparty name matches the other account holder',
        ],
        links: ['debit_counterparty_account', 'credit_counterparty_account', 'reference', 'holder_name'],
      },
    ]);
    // Outside the window it is not proposed.
    expect(findTransferPairs([{ accountKey: 'DE', account: germanDay1!.account, transactions: germanDay1!.transactions }, { accountKey: 'FR', account: french!.account, transactions: french!.transactions }], { dateWindowDays: 2 })).toEqual([]);
  });

  const tx = (line: number, bookingDate: string, amountMinor: number, extra: Partial<StatementTransaction> = {}): StatementTransaction => ({ line, bookingDate, amountMinor, currency: 'EUR', ...extra });

  it('pairs each transaction at most once, the best match first, and needs a link beyond amount and date', () => {
    const a: TransferSource = {
      accountKey: 'A',
      account: { iban: 'DE89370400440532013000' },
      transactions: [
        tx(1, '2024-05-02', -50000, { counterpartyAccount: 'NL91ABNA0417164300' }),
        tx(2, '2024-05-02', -50000, { reference: 'INV-900' }),
        tx(3, '2024-05-02', -50000),
      ],
    };
    const b: TransferSource = {
      accountKey: 'B',
      account: { iban: 'NL91ABNA0417164300' },
      transactions: [
        tx(10, '2024-05-03', 50000, { reference: 'INV-900' }),
        tx(11, '2024-05-02', 50000, { counterpartyAccount: 'DE89 3704 0044 0532 0130 00' }),
        tx(12, '2024-05-02', 50000),
        tx(13, '2024-05-02', 50000, { currency: 'USD', counterpartyAccount: 'DE89370400440532013000' }),
      ],
    };
    const pairs = findTransferPairs([a, b]);
    expect(pairs.map((pair) => [pair.debit.line, pair.credit.line, pair.confidence])).toEqual([
      // Line 1 to 11: both accounts match (the best); then line 2's reference pairs with 10 (a day later);
      // line 1 could also pair with 10 (B's account) but is taken; line 3 has no link at all; 13 is in USD.
      [1, 11, 0.85],
      [2, 10, 0.67],
    ]);
  });

  it('matches an account number with bank code inside an IBAN, and ignores two statements of the same account', () => {
    const german = { accountKey: 'DE-mt940', account: { number: '37040044/0532013000' }, transactions: [tx(5, '2024-06-01', -7000, { counterpartyAccount: 'FR7630006000011234567890189' })] };
    const french = { accountKey: 'FR', account: { iban: 'FR7630006000011234567890189' }, transactions: [tx(8, '2024-06-01', 7000, { counterpartyAccount: 'DE89370400440532013000' })] };
    const pairs = findTransferPairs([german, french]);
    expect(pairs).toHaveLength(1);
    expect(pairs[0]?.reasons).toContain("the credit's counterparty account DE89370400440532013000 is the account 37040044/0532013000 of the other statement");
    const sameAccount = { accountKey: 'DE-camt', account: { iban: 'DE89370400440532013000' }, transactions: [tx(9, '2024-06-01', 7000, { counterpartyAccount: 'FR7630006000011234567890189' })] };
    expect(findTransferPairs([german, sameAccount])).toEqual([]);
  });
});
