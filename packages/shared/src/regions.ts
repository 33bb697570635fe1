/** INTERPOL's five regions, used by the directory to filter focal points. */
export const REGIONS = ['africa', 'americas', 'asia_south_pacific', 'europe', 'mena'] as const;
export type TRegion = (typeof REGIONS)[number];

const MENA = 'AE BH DZ EG EH IQ JO KW LB LY MA OM PS QA SA SY TN YE';
const AFRICA =
  'AO BF BI BJ BW CD CF CG CI CM CV DJ ER ET GA GH GM GN GQ GW KE KM LR LS MG ML MR MU MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TG TZ UG YT ZA ZM ZW';
const AMERICAS =
  'AG AI AR AW BB BL BM BO BQ BR BS BZ CA CL CO CR CU CW DM DO EC FK GD GF GL GP GT GY HN HT JM KN KY LC MF MQ MS MX NI PA PE PM PR PY SR SV SX TC TT US UY VC VE VG VI GS';
const ASIA_SOUTH_PACIFIC =
  'AF AS AU BD BN BT CC CK CN CX FJ FM GU HK ID IN IO IR JP KH KI KP KR LA LK MH MM MN MO MP MV MY NC NF NP NR NU NZ PF PG PH PK PN PW SB SG TH TK TL TO TV TW UM VN VU WF WS KG KZ TJ TM UZ HM TF';
const EUROPE =
  'AD AL AM AT AX AZ BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GE GG GI GR HR HU IE IL IM IS IT JE LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM TR UA VA XK AQ BV';

const regionByCountry = new Map<string, TRegion>();
for (const [region, codes] of [
  ['mena', MENA],
  ['africa', AFRICA],
  ['americas', AMERICAS],
  ['asia_south_pacific', ASIA_SOUTH_PACIFIC],
  ['europe', EUROPE],
] as const) {
  for (const code of codes.split(' ')) regionByCountry.set(code, region);
}

/** The INTERPOL region of an ISO 3166-1 alpha-2 code, or undefined for an unknown code. */
export function regionOf(countryCode: string): TRegion | undefined {
  return regionByCountry.get(countryCode.toUpperCase());
}

export const COUNTRY_CODES: readonly string[] = [...regionByCountry.keys()].sort();
