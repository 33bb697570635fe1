import { EXIT_OK, UsageError, parseCommandArgs, type Command } from './command.js';
import { withContext } from './context.js';
import { SYSTEM_CONTEXT } from '../audit/events.js';

export const ratesCommand: Command = {
  name: 'rates',
  summary: 'Set or list the exchange rates used for case totals (rates set EUR=1.08 … | rates list)',
  help: `Usage:
  focal rates set CUR=RATE [CUR=RATE…]
  focal rates list

RATE is the value of one unit of CUR in the base currency (FOCAL_BASE_CURRENCY, default USD),
e.g. "focal rates set EUR=1.08 CHF=1.13 NGN=0.00065". Case and portfolio totals convert with
these rates; Focal never fetches rates from the network. Amounts in a currency without a rate
are shown apart. Audited as focal-cli.`,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub !== 'set' && sub !== 'list') throw new UsageError('Say what to do: focal rates set CUR=RATE … | focal rates list.');
    const { values, positionals } = parseCommandArgs(rest, {});
    if (values.help) return (io.stdout(`${this.help}\n`), EXIT_OK);
    const pairs = positionals.map((arg) => {
      const match = /^([A-Za-z]{3})=(\d+(?:\.\d+)?)$/.exec(arg);
      if (!match || Number(match[2]) <= 0) throw new UsageError(`"${arg}" is not CUR=RATE with a positive rate (e.g. EUR=1.08).`);
      return { currency: match[1]!.toUpperCase(), rate: match[2]! };
    });
    if (sub === 'set' && pairs.length === 0) throw new UsageError('Give at least one CUR=RATE.');
    return withContext(async (ctx) => {
      if (sub === 'set') {
        await ctx.db.transaction().execute(async (trx) => {
          for (const pair of pairs) {
            await trx
              .insertInto('exchange_rates')
              .values({ currency: pair.currency, rate: pair.rate, updated_at: new Date() })
              .onConflict((oc) => oc.column('currency').doUpdateSet({ rate: pair.rate, updated_at: new Date() }))
              .execute();
          }
          await ctx.audit.append(trx, SYSTEM_CONTEXT, { action: 'rates.updated', targetType: null, targetId: null, country: null, details: { currencies: pairs.map((p) => p.currency) } });
        });
      }
      const rows = await ctx.db.selectFrom('exchange_rates').selectAll().orderBy('currency').execute();
      io.stdout(`Base currency: ${ctx.config.baseCurrency}\n`);
      for (const row of rows) io.stdout(`${row.currency}  ${Number(row.rate)}  (set ${row.updated_at.toISOString().slice(0, 10)})\n`);
      return EXIT_OK;
    });
  },
};
