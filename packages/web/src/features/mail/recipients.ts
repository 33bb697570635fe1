import type { TPerson, TRecipientOption } from '@focal/shared';

/**
 * People seen in messages and searches, by id, so that a draft (which stores only ids) can show
 * names at once. Anyone not seen yet is looked up in the directory.
 */
export interface KnownPerson {
  id: string;
  name: string;
  nameLatin: string;
  country: string;
  agency?: string | null;
}

const known = new Map<string, KnownPerson>();

export function rememberPeople(people: Array<TPerson | KnownPerson>): void {
  for (const p of people) {
    const before = known.get(p.id);
    known.set(p.id, { ...before, ...p, agency: ('agency' in p ? p.agency : undefined) ?? before?.agency ?? null });
  }
}

export function rememberOptions(options: TRecipientOption[]): void {
  rememberPeople(options.flatMap((o) => (o.kind === 'user' ? [{ id: o.id, name: o.name, nameLatin: o.nameLatin, country: o.country, agency: o.agency }] : [])));
}

export function knownPerson(id: string): KnownPerson | undefined {
  return known.get(id);
}
