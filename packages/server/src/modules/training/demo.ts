import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { AppContext, Db } from '../../context.js';

/**
 * The curriculum catalogue of the demo network, written by us: modules a regional workshop
 * draws on, each with a short reading guide as course material (kept in the encrypted store,
 * like any material). Loaded by `focal demo`, in its transaction.
 */
export const DEMO_MODULES: { title: string; hours: number; objectives: string; guide: string[] }[] = [
  {
    title: 'Financial investigation',
    hours: 12,
    objectives: 'Plan a parallel financial investigation from the first report; read bank records, company filings and tax data; reconstruct a suspect’s income and expenditure; present the findings to a prosecutor.',
    guide: ['Start the money trail on day one, alongside the criminal investigation.', 'Net-worth and source-and-application-of-funds analyses, with worked examples.', 'Which records to ask for, from whom, and how to keep them admissible.'],
  },
  {
    title: 'Evidence and chain of custody',
    hours: 6,
    objectives: 'Seize, document and hand over physical and digital evidence so that a foreign court can rely on it; keep a chain of custody that survives cross-examination.',
    guide: ['What a foreign judge will ask about each exhibit.', 'Hashing and imaging digital evidence; recording every hand-over.', 'Sending evidence abroad: formats, seals and certificates.'],
  },
  {
    title: 'Asset tracing',
    hours: 12,
    objectives: 'Trace proceeds through accounts, companies and jurisdictions; choose and state a tracing rule (FIFO, LIFO, pro rata, lowest intermediate balance); identify assets that can be frozen.',
    guide: ['Following mixed funds: the four tracing rules compared on one ledger.', 'Beneficial ownership registers and their limits.', 'From a traced balance to a freezing request.'],
  },
  {
    title: 'Mutual legal assistance',
    hours: 6,
    objectives: 'Draft a request under UNCAC article 46 that the requested state can execute: legal basis, facts, the link between the assets and the offence, the measures sought and their urgency.',
    guide: ['Informal cooperation first, formal request second: what each can obtain.', 'A checklist of what the requested state needs to act.', 'Common reasons for refusal and how to avoid them.'],
  },
  {
    title: 'Open-source intelligence',
    hours: 6,
    objectives: 'Find people, companies, vessels, aircraft and property in open sources; record what was found so it can be verified and used; stay within the law and leave no trace.',
    guide: ['Corporate registries, land registries and leaked-data collections.', 'Capturing a web page as evidence.', 'Operational security while searching.'],
  },
  {
    title: 'Crypto-assets',
    hours: 9,
    objectives: 'Recognise crypto-assets in a case; follow transactions on public ledgers; ask exchanges for records; seize and safeguard private keys.',
    guide: ['Addresses, transactions and clustering explained without jargon.', 'Requests to virtual-asset service providers: what they keep.', 'Seizure: wallets, seed phrases and custody after seizure.'],
  },
  {
    title: 'Sports integrity',
    hours: 4,
    objectives: 'Detect the proceeds of match-fixing and corruption in sport; work with sports bodies and betting regulators; trace the money behind manipulated competitions.',
    guide: ['How manipulation is paid for and laundered.', 'Who holds which data: federations, betting operators, regulators.', 'Cases handled jointly with sports bodies.'],
  },
  {
    title: 'Non-conviction-based confiscation',
    hours: 6,
    objectives: 'Know when assets can be confiscated without a conviction, how to give effect to a foreign order under UNCAC article 54, and how returned assets are handled under article 57.',
    guide: ['Civil, in rem and unexplained-wealth procedures compared.', 'Recognising and enforcing a foreign confiscation order.', 'Return and disposal: the article 57 branches and deductible expenses.'],
  },
];

const slug = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export async function seedTrainingCatalogue(ctx: AppContext, trx: Db): Promise<number> {
  const secretariat = await trx.selectFrom('users').select('id').where(sql<boolean>`'secretariat' = ANY(roles)`).orderBy('created_at').limit(1).executeTakeFirst();
  for (const module of DEMO_MODULES) {
    const id = crypto.randomUUID();
    await trx
      .insertInto('training_modules')
      .values({ id, title: module.title, objectives: module.objectives, duration_minutes: module.hours * 60, created_by: secretariat?.id ?? null })
      .execute();
    const name = `${slug(module.title)}-reading-guide.md`;
    const text = [`# ${module.title} — reading guide`, '', module.objectives, '', ...module.guide.map((line) => `- ${line}`), ''].join('\n');
    const blob = await ctx.blobs.put(trx, Readable.from([Buffer.from(text, 'utf8')]));
    await trx
      .insertInto('training_materials')
      .values({ id: crypto.randomUUID(), module_id: id, blob_id: blob.id, name, content_type: 'text/markdown', size: blob.size, sha256: blob.sha256, uploaded_by: secretariat?.id ?? null })
      .execute();
  }
  return DEMO_MODULES.length;
}
