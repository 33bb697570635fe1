/**
 * The payment details in an MT940 `:86:` field. Banks structure it in one of two ways, or not
 * at all:
 * - `?`-subfields (German ZKA/DFÜ, also with `>` as in some Polish and Baltic banks):
 *   `166?00GUTSCHRIFT?20EREF+E2E-1?21SVWZ+Invoice 4711?30COBADEFFXXX?31DE89…?32Max Mustermann`
 *   (?20–?29 and ?60–?63 the purpose with SEPA keywords EREF+/SVWZ+/…, ?30 BIC or bank code,
 *   ?31 account, ?32–?33 name);
 * - `/TAG/` codes (SWIFT, Dutch and Belgian banks): `/EREF/E2E-1/CNTP/NL91…/ABNANL2A/J Jansen/
 *   Utrecht/REMI/USTD//Invoice 4711/` or `/ORDP//NAME/ACME/IBAN/…`.
 * The field's lines are joined without a separator for both (banks cut the text every 65
 * characters, mid-word), and with a space for free text.
 */
export interface PaymentDetails {
  name?: string;
  account?: string;
  bic?: string;
  reference?: string;
  description?: string;
}

const BIC = /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/;
const SEPA_KEYWORDS = /(EREF|KREF|MREF|CRED|DEBT|SVWZ|ABWA|ABWE|IBAN|BIC)\+/g;
const SLASH_TAG_NAMES = 'TRTP|EREF|CNTP|NAME|IBAN|BIC|REMI|ORDP|BENM|MARF|CSID|PREF|KREF|RTRN|ISDT|PURP|ULTC|ULTD|ULTB|SVWZ|ADDR|ACCW|BUSP|CDTRREFTP|CDTRREF';
const SLASH_TAGS = new RegExp(`/(${SLASH_TAG_NAMES})/`, 'g');
const HAS_SLASH_TAG = new RegExp(`/(${SLASH_TAG_NAMES})/`);

export function parseDetails86(lines: readonly string[], debit: boolean): PaymentDetails {
  const joined = lines.join('');
  const subfields = /^(\d{3})?([?>])\d{2}/.exec(joined);
  if (subfields !== null) return fromSubfields(joined, subfields[2] as string);
  if (/^\s*\/[A-Z]{2,9}\//.test(joined) && HAS_SLASH_TAG.test(joined)) return fromSlashTags(joined, debit);
  const text = lines.map((line) => line.trim()).filter((line) => line !== '').join(' ');
  return text === '' ? {} : { description: text };
}

function fromSubfields(text: string, separator: string): PaymentDetails {
  const codes = new Map<number, string>();
  const pattern = new RegExp(`\\${separator}(\\d{2})`, 'g');
  const marks = [...text.matchAll(pattern)];
  marks.forEach((mark, index) => {
    const start = (mark.index ?? 0) + mark[0].length;
    const end = marks[index + 1]?.index ?? text.length;
    const code = Number(mark[1]);
    codes.set(code, (codes.get(code) ?? '') + text.slice(start, end));
  });
  const purpose = [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 60, 61, 62, 63]
    .map((code) => codes.get(code) ?? '')
    .join('')
    .trim();
  const keywords = new Map<string, string>();
  const found = [...purpose.matchAll(SEPA_KEYWORDS)];
  found.forEach((mark, index) => {
    const start = (mark.index ?? 0) + mark[0].length;
    const end = found[index + 1]?.index ?? purpose.length;
    keywords.set(mark[1] as string, purpose.slice(start, end).trim());
  });
  const details: PaymentDetails = {};
  const name = `${codes.get(32) ?? ''}${codes.get(33) ?? ''}`.trim();
  if (name !== '') details.name = name;
  const account = (codes.get(31) ?? '').trim();
  if (account !== '') details.account = account;
  const bic = (codes.get(30) ?? '').trim();
  if (BIC.test(bic)) details.bic = bic;
  const reference = keywords.get('EREF');
  if (reference !== undefined && reference !== '' && reference.toUpperCase() !== 'NOTPROVIDED') details.reference = reference;
  const description = keywords.get('SVWZ') ?? (found.length === 0 ? purpose : '');
  const fallback = (codes.get(0) ?? '').trim();
  if (description !== '') details.description = description;
  else if (fallback !== '') details.description = fallback;
  return details;
}

function fromSlashTags(text: string, debit: boolean): PaymentDetails {
  const marks = [...text.matchAll(SLASH_TAGS)];
  const parties: Record<'ORDP' | 'BENM' | 'ANY', { name?: string; account?: string; bic?: string }> = { ORDP: {}, BENM: {}, ANY: {} };
  let party: 'ORDP' | 'BENM' | 'ANY' = 'ANY';
  const details: PaymentDetails = {};
  marks.forEach((mark, index) => {
    const tag = mark[1] as string;
    const start = (mark.index ?? 0) + mark[0].length;
    const end = marks[index + 1]?.index ?? text.length;
    const value = text.slice(start, end).replace(/\/+$/, '').trim();
    switch (tag) {
      case 'ORDP':
      case 'BENM':
        party = tag;
        if (value !== '') parties[tag].name ??= value;
        break;
      case 'CNTP': {
        const [account, bic, name] = value.split('/').map((part) => part.trim());
        if (account) parties.ANY.account ??= account;
        if (bic && BIC.test(bic)) parties.ANY.bic ??= bic;
        if (name) parties.ANY.name ??= name;
        break;
      }
      case 'NAME':
        if (value !== '') parties[party].name ??= value;
        break;
      case 'IBAN':
        if (value !== '') parties[party].account ??= value;
        break;
      case 'BIC':
        if (BIC.test(value)) parties[party].bic ??= value;
        break;
      case 'EREF':
        if (value !== '' && value.toUpperCase() !== 'NOTPROVIDED') details.reference ??= value;
        break;
      case 'REMI': {
        const remittance = value.replace(/^(USTD\/\/?|STRD\/CUR\/?)/, '').replace(/\/+$/, '').trim();
        if (remittance !== '') details.description = remittance;
        break;
      }
      default:
        break;
    }
  });
  const side = debit ? parties.BENM : parties.ORDP;
  const name = side.name ?? parties.ANY.name;
  const account = side.account ?? parties.ANY.account;
  const bic = side.bic ?? parties.ANY.bic;
  if (name !== undefined) details.name = name;
  if (account !== undefined) details.account = account;
  if (bic !== undefined) details.bic = bic;
  return details;
}
