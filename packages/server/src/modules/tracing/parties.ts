import { isValidIban } from '@focal/core';
import type { TTracingParty } from '@focal/shared';
import type { Db } from '../../context.js';
import type { Actor } from '../../policies/index.js';
import { visibleTo } from '../cases/service.js';
import { visibleEntities } from '../cases/entities.js';
import type { PartySource, ReachSet } from './ledger.js';

const NO_ID = '00000000-0000-0000-0000-000000000000';
const countryCode = (value: string | undefined) => (value && /^[a-z]{2}$/i.test(value) ? value.toUpperCase() : null);

/**
 * Who holds each account and where it is, from the case's entities the caller can see: the
 * BankAccount (its own entity, or the one with its IBAN or number), its owner (an Ownership of
 * the account, else the party a Payment names for it), and its jurisdiction — the account's
 * country, else its IBAN's, else its BIC's, else its holder's. Whatever is read narrows `reach`.
 */
export async function describeParties(trx: Db, actor: Actor, caseId: string, sources: PartySource[], reach: ReachSet): Promise<TTracingParty[]> {
  const identifiers = [...new Set(sources.filter((s) => !s.accountEntityId && s.identifier).map((s) => s.identifier!))];
  const byIdentifier = new Map<string, string>();
  if (identifiers.length) {
    const rows = await trx
      .selectFrom('entity_values as v')
      .innerJoin('entities as e', 'e.id', 'v.entity_id')
      .select(['e.id', 'v.value'])
      .where('e.case_id', '=', caseId)
      .where('e.schema', '=', 'BankAccount')
      .where('v.prop', 'in', ['iban', 'accountNumber'])
      .where('v.value', 'in', identifiers)
      .where(visibleTo(actor, 'e.reach', 'e.owner_country'))
      .where(visibleTo(actor, 'v.reach', 'v.owner_country'))
      .orderBy('e.created_at')
      .execute();
    for (const row of rows) if (!byIdentifier.has(row.value)) byIdentifier.set(row.value, row.id);
  }
  const accountOf = (s: PartySource) => s.accountEntityId ?? (s.identifier ? byIdentifier.get(s.identifier) : undefined) ?? null;
  const accountIds = [...new Set(sources.map(accountOf).filter((id): id is string => id !== null))];
  const accounts = new Map((await visibleEntities(trx, actor, caseId, { ids: accountIds, limit: accountIds.length + 1 })).map((row) => [row.entity.id, row]));
  const accountFtm = new Map([...accounts.values()].map((row) => [row.entity.ftm_id, row.entity.id]));

  // The holder: an Ownership of the account first, else the party a Payment names for it.
  const holderFtmOf = new Map<string, string>();
  const ftmIds = [...accountFtm.keys()];
  if (ftmIds.length) {
    const ownerships = await trx
      .selectFrom('entity_values as asset')
      .innerJoin('entities as e', 'e.id', 'asset.entity_id')
      .innerJoin('entity_values as owner', (join) => join.onRef('owner.entity_id', '=', 'e.id').on('owner.prop', '=', 'owner'))
      .select(['asset.value as account', 'owner.value as holder', 'e.owner_country', 'e.reach', 'owner.owner_country as value_owner', 'owner.reach as value_reach'])
      .where('e.case_id', '=', caseId)
      .where('e.schema', '=', 'Ownership')
      .where('asset.prop', '=', 'asset')
      .where('asset.value', 'in', ftmIds)
      .where(visibleTo(actor, 'e.reach', 'e.owner_country'))
      .where(visibleTo(actor, 'asset.reach', 'asset.owner_country'))
      .where(visibleTo(actor, 'owner.reach', 'owner.owner_country'))
      .orderBy('e.created_at')
      .execute();
    for (const row of ownerships) {
      if (holderFtmOf.has(row.account)) continue;
      holderFtmOf.set(row.account, row.holder);
      reach.add(row.owner_country, row.reach);
      reach.add(row.value_owner, row.value_reach);
    }
    const withoutOwner = ftmIds.filter((id) => !holderFtmOf.has(id));
    if (withoutOwner.length) {
      const payments = await trx
        .selectFrom('entity_values as link')
        .innerJoin('entities as e', 'e.id', 'link.entity_id')
        .innerJoin('entity_values as party', (join) =>
          join
            .onRef('party.entity_id', '=', 'e.id')
            .on((eb) =>
              eb.or([eb.and([eb('link.prop', '=', 'payerAccount'), eb('party.prop', '=', 'payer')]), eb.and([eb('link.prop', '=', 'beneficiaryAccount'), eb('party.prop', '=', 'beneficiary')])]),
            ),
        )
        .distinctOn('link.value')
        .select(['link.value as account', 'party.value as holder', 'e.owner_country', 'e.reach', 'party.owner_country as value_owner', 'party.reach as value_reach'])
        .where('e.case_id', '=', caseId)
        .where('e.schema', '=', 'Payment')
        .where('link.prop', 'in', ['payerAccount', 'beneficiaryAccount'])
        .where('link.value', 'in', withoutOwner)
        .where(visibleTo(actor, 'e.reach', 'e.owner_country'))
        .where(visibleTo(actor, 'link.reach', 'link.owner_country'))
        .where(visibleTo(actor, 'party.reach', 'party.owner_country'))
        .orderBy('link.value')
        .orderBy('link.id')
        .execute();
      for (const row of payments) {
        holderFtmOf.set(row.account, row.holder);
        reach.add(row.owner_country, row.reach);
        reach.add(row.value_owner, row.value_reach);
      }
    }
  }
  const holderFtms = [...new Set(holderFtmOf.values())];
  const holderRows = holderFtms.length
    ? await trx
        .selectFrom('entities')
        .select(['id'])
        .where('case_id', '=', caseId)
        .where('ftm_id', 'in', holderFtms)
        .where(visibleTo(actor, 'entities.reach', 'entities.owner_country'))
        .execute()
    : [];
  const holders = new Map(
    (await visibleEntities(trx, actor, caseId, { ids: holderRows.length ? holderRows.map((r) => r.id) : [NO_ID], limit: holderRows.length + 1 })).map((row) => [row.entity.ftm_id, row]),
  );

  return sources.map((source) => {
    const accountId = accountOf(source);
    const account = accountId ? accounts.get(accountId) : undefined;
    const values = (prop: string) => (account?.values ?? []).filter((v) => v.prop === prop);
    const first = (prop: string) => {
      const value = values(prop)[0];
      if (value) reach.add(value.owner_country, value.reach);
      return value?.value;
    };
    if (account) reach.add(account.entity.owner_country, account.entity.reach);
    const holder = account ? holders.get(holderFtmOf.get(account.entity.ftm_id) ?? '') : undefined;
    if (holder) reach.add(holder.entity.owner_country, holder.entity.reach);
    const holderCountry = () => {
      const value = holder?.values.find((v) => v.prop === 'country' || v.prop === 'jurisdiction');
      if (value) reach.add(value.owner_country, value.reach);
      return countryCode(value?.value);
    };
    const iban = first('iban') ?? (source.identifier && isValidIban(source.identifier) ? source.identifier : undefined);
    const bic = first('bic');
    const jurisdiction =
      countryCode(first('country')) ?? (iban && isValidIban(iban) ? iban.slice(0, 2).toUpperCase() : null) ?? (bic && /^[A-Z]{6}/i.test(bic) ? bic.slice(4, 6).toUpperCase() : null) ?? holderCountry();
    const namedMost = [...source.names.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
    return {
      id: source.id,
      internal: source.internal,
      entityId: account?.entity.id ?? null,
      holder: holder?.entity.caption ?? namedMost,
      holderEntityId: holder?.entity.id ?? null,
      jurisdiction,
      bank: first('bankName') ?? null,
    };
  });
}
