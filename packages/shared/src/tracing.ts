import { z } from 'zod';
import { ZCountryCode, ZId, ZUiLanguage } from './api.js';
import { ZMoney } from './cases.js';
import { ZPerson } from './messaging.js';

/**
 * Funds tracing in a case (specs/funds-tracing.md): the case's bank statements become a ledger,
 * seed transactions are marked, and the engine of @focal/core follows the taint under one rule
 * or all four. Amounts are exact decimal strings with their minor units (ZMoney).
 */

/** The presumptions of the engine, in the order the UI shows them (same ids as @focal/core). */
export const TRACING_RULE_IDS = ['fifo', 'lifo', 'pro-rata', 'clean-first'] as const;
export type TTracingRule = (typeof TRACING_RULE_IDS)[number];
export const ZTracingRule = z.enum(TRACING_RULE_IDS);

/** At most this many seed transactions in one analysis. */
export const MAX_TRACING_SEEDS = 100;

// ---------------------------------------------------------------- the case's transactions

export const ZTracingTransactionQuery = z.object({
  /** Words found in the counterparty, an account, the reference, or an amount ("1500" or "1500.00"). */
  q: z.string().trim().max(200).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type TTracingTransactionQuery = z.output<typeof ZTracingTransactionQuery>;

/** One row of an imported statement, as the seed picker lists it. */
export const ZTracingTransaction = z.object({
  /** The statement row (statement_transactions.id): what seeds name. */
  id: z.number().int(),
  importId: ZId,
  /** The account whose statement lists the row (IBAN or number). */
  account: z.string(),
  date: z.iso.date(),
  direction: z.enum(['in', 'out']),
  /** The amount without its sign: `direction` says which way it went. */
  amount: ZMoney,
  counterpartyName: z.string().nullable(),
  counterpartyAccount: z.string().nullable(),
  reference: z.string().nullable(),
  paymentEntityId: ZId,
  /**
   * The same transfer seen in the other account's statement: `confirmed` pairs count once in the
   * ledger; `suggested` ones still count twice until someone confirms or splits them.
   */
  pair: z.enum(['confirmed', 'suggested']).nullable(),
});
export type TTracingTransaction = z.infer<typeof ZTracingTransaction>;

export const ZTracingTransactionList = z.object({
  items: z.array(ZTracingTransaction),
  total: z.number().int(),
  /** The currencies of the statement rows the caller can see, for the currency filter. */
  currencies: z.array(z.string()),
});
export type TTracingTransactionList = z.infer<typeof ZTracingTransactionList>;

// ---------------------------------------------------------------- running an analysis

export const ZTracingRunInput = z.object({
  seeds: z.array(z.number().int().positive()).min(1).max(MAX_TRACING_SEEDS),
  rules: z.array(ZTracingRule).min(1).max(TRACING_RULE_IDS.length),
});
export type TTracingRunInput = z.infer<typeof ZTracingRunInput>;

/** A party of the ledger (an account of the case, or an external counterparty) as the results name it. */
export const ZTracingParty = z.object({
  /** Its id in the ledger: the compact IBAN or account number, or the counterparty's name. */
  id: z.string(),
  /** True for the accounts whose statements are in the case: their money is followed further. */
  internal: z.boolean(),
  /** The BankAccount entity of the case, when there is one the caller can see. */
  entityId: ZId.nullable(),
  holder: z.string().nullable(),
  holderEntityId: ZId.nullable(),
  /** Where the account is (ISO 3166-1): the account's country, else its IBAN's or BIC's, else its holder's. */
  jurisdiction: ZCountryCode.nullable(),
  bank: z.string().nullable(),
});
export type TTracingParty = z.infer<typeof ZTracingParty>;

export const ZTracingSeed = z.object({
  /** The statement row picked. */
  id: z.number().int(),
  /** The ledger transaction it stands for (the debit row of a confirmed pair stands for both). */
  transaction: z.string(),
  date: z.iso.date(),
  from: z.string(),
  to: z.string(),
  amount: ZMoney,
});
export type TTracingSeed = z.infer<typeof ZTracingSeed>;

/** Tainted money moved from one party to another, all transactions between them added up. */
export const ZTracingEdge = z.object({ from: z.string(), to: z.string(), tainted: ZMoney, transactions: z.number().int() });
export type TTracingEdge = z.infer<typeof ZTracingEdge>;

export const ZTracingStep = z.object({
  transaction: z.string(),
  /** The statement row, or null for a transaction the ledger adds (an opening overdraft). */
  statementTransactionId: z.number().int().nullable(),
  date: z.string(),
  from: z.string(),
  to: z.string(),
  amount: ZMoney,
  tainted: ZMoney,
  seed: z.boolean(),
});
export type TTracingStep = z.infer<typeof ZTracingStep>;

/**
 * How a holding's taint came to it: every tainted transaction that could have carried it, walking
 * back in time from the account to the seeds, in date order. Asked for one holding at a time, so
 * a result stays small however many holdings it has.
 */
export const ZTracingPath = z.object({ account: z.string(), steps: z.array(ZTracingStep), truncated: z.boolean() });
export type TTracingPath = z.infer<typeof ZTracingPath>;

export const ZTracingPathInput = z.object({
  seeds: ZTracingRunInput.shape.seeds,
  rule: ZTracingRule,
  /** The holding's party id. */
  account: z.string().min(1).max(300),
});
export type TTracingPathInput = z.infer<typeof ZTracingPathInput>;

/** A path with the parties it names, on the ledger as it is now (its version says whether that is the result's). */
export const ZTracingPathResult = z.object({ path: ZTracingPath, parties: z.array(ZTracingParty), ledgerVersion: z.string() });
export type TTracingPathResult = z.infer<typeof ZTracingPathResult>;

export const ZTracingRuleResult = z.object({
  rule: ZTracingRule,
  /** The taint the seeds introduced: always held + dissipated. */
  totalTainted: ZMoney,
  held: ZMoney,
  dissipatedTotal: ZMoney,
  /** Largest first. */
  holdings: z.array(z.object({ account: z.string(), tainted: ZMoney })),
  /** Holdings left out of `holdings` (only the largest are listed). */
  holdingsOmitted: z.number().int(),
  /** Tainted money that repaid an account's overdraft: gone to the bank. */
  dissipated: z.array(z.object({ account: z.string(), amount: ZMoney })),
  /** For the Sankey: the largest flows between parties. */
  edges: z.array(ZTracingEdge),
  edgesOmitted: z.object({ count: z.number().int(), tainted: ZMoney }),
});
export type TTracingRuleResult = z.infer<typeof ZTracingRuleResult>;

export const TRACING_WARNINGS = ['unconfirmed_pairs', 'other_currencies', 'opening_unknown', 'opening_overdrawn', 'self_transfers'] as const;
export const ZTracingWarning = z.object({ code: z.enum(TRACING_WARNINGS), count: z.number().int(), items: z.array(z.string()) });
export type TTracingWarning = z.infer<typeof ZTracingWarning>;

export const ZTracingLedgerInfo = z.object({
  /** SHA-256 of the canonical ledger and of the statement files it was read from. */
  version: z.string(),
  currency: z.string(),
  accounts: z.number().int(),
  transactions: z.number().int(),
  statements: z.array(z.object({ importId: ZId, account: z.string(), format: z.string(), transactions: z.number().int(), sha256: z.string().nullable() })),
  warnings: z.array(ZTracingWarning),
});
export type TTracingLedgerInfo = z.infer<typeof ZTracingLedgerInfo>;

export const ZTracingRun = z.object({
  ledger: ZTracingLedgerInfo,
  seeds: z.array(ZTracingSeed),
  rules: z.array(ZTracingRule),
  parties: z.array(ZTracingParty),
  results: z.array(ZTracingRuleResult),
});
export type TTracingRun = z.infer<typeof ZTracingRun>;

// ---------------------------------------------------------------- saved analyses

export const ZTracingAnalysisCreate = ZTracingRunInput.extend({ title: z.string().trim().min(1).max(300) });
export type TTracingAnalysisCreate = z.infer<typeof ZTracingAnalysisCreate>;

export const ZTracingAnalysisSummary = z.object({
  id: ZId,
  title: z.string(),
  rules: z.array(ZTracingRule),
  currency: z.string(),
  seeds: z.array(z.number().int()),
  ledgerVersion: z.string(),
  totalTainted: ZMoney,
  createdAt: z.iso.datetime(),
  createdBy: ZPerson.nullable(),
});
export type TTracingAnalysisSummary = z.infer<typeof ZTracingAnalysisSummary>;

export const ZTracingAnalysis = ZTracingAnalysisSummary.extend({ run: ZTracingRun });
export type TTracingAnalysis = z.infer<typeof ZTracingAnalysis>;

/** A saved analysis run again on the case's statements as they are now. */
export const ZTracingRerun = z.object({
  analysis: ZTracingAnalysis,
  /** Null when none of its seeds is left. */
  current: ZTracingRun.nullable(),
  /** The ledger is no longer the one the analysis was computed on (statements, pairs or rows changed). */
  ledgerChanged: z.boolean(),
  /** Some holding, dissipation or total differs from the saved figures. */
  figuresChanged: z.boolean(),
  /** Seeds no longer in the case (or no longer visible). */
  missingSeeds: z.array(z.number().int()),
});
export type TTracingRerun = z.infer<typeof ZTracingRerun>;

export const ZTracingFreezeInput = z.object({
  rule: ZTracingRule,
  /** The holding's party id. */
  account: z.string().min(1).max(300),
  /** The language the draft is written in; the caller's interface language by default. */
  language: ZUiLanguage.optional(),
});
export type TTracingFreezeInput = z.infer<typeof ZTracingFreezeInput>;
export const ZTracingFreezeResult = z.object({ requestId: ZId });
