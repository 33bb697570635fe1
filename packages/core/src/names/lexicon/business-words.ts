// Generic business vocabulary translated from scripts whose company names are not spelled
// out in Latin letters but translated ("中国石油化工" is "China Petroleum & Chemical"). Only
// words that describe a kind of business or place in general terms belong here: never a brand.

/** Chinese (simplified and traditional), Japanese and Korean words to English, longest first when applied. */
export const CJK_BUSINESS_WORDS: ReadonlyMap<string, string> = new Map([
  ['中国', 'china'], ['中國', 'china'], ['中华', 'china'], ['中華', 'china'], ['国家', 'national'], ['國家', 'national'],
  ['国际', 'international'], ['國際', 'international'], ['国際', 'international'],
  ['石油', 'petroleum'], ['天然气', 'natural gas'], ['天然氣', 'natural gas'], ['化工', 'chemical'], ['化学', 'chemical'], ['化學', 'chemical'],
  ['集团', 'group'], ['集團', 'group'], ['控股', 'holding'], ['投资', 'investment'], ['投資', 'investment'],
  ['银行', 'bank'], ['銀行', 'bank'], ['证券', 'securities'], ['證券', 'securities'], ['証券', 'securities'], ['保险', 'insurance'], ['保險', 'insurance'], ['保険', 'insurance'],
  ['电子', 'electronics'], ['電子', 'electronics'], ['电信', 'telecom'], ['電信', 'telecom'], ['电力', 'power'], ['電力', 'power'], ['電機', 'electric'], ['電気', 'electric'],
  ['能源', 'energy'], ['矿业', 'mining'], ['礦業', 'mining'], ['钢铁', 'steel'], ['鋼鐵', 'steel'], ['製鉄', 'steel'],
  ['建设', 'construction'], ['建設', 'construction'], ['工程', 'engineering'], ['实业', 'industrial'], ['實業', 'industrial'],
  ['工业', 'industries'], ['工業', 'industries'], ['重工业', 'heavy industries'], ['重工業', 'heavy industries'], ['重工', 'heavy industries'],
  ['贸易', 'trading'], ['貿易', 'trading'], ['商事', 'trading'], ['物産', 'trading'], ['航空', 'airlines'], ['海运', 'shipping'], ['海運', 'shipping'],
  ['汽车', 'motor'], ['汽車', 'motor'], ['自動車', 'motor'], ['科技', 'technology'], ['技术', 'technology'], ['技術', 'technology'],
  ['发展', 'development'], ['發展', 'development'], ['商业', 'commercial'], ['商業', 'commercial'], ['物流', 'logistics'], ['地产', 'property'], ['地產', 'property'],
  ['ホールディングス', 'holdings'], ['グループ', 'group'],
  ['전자', 'electronics'], ['은행', 'bank'], ['그룹', 'group'], ['건설', 'construction'], ['중공업', 'heavy industries'], ['화학', 'chemical'],
  ['증권', 'securities'], ['보험', 'insurance'], ['자동차', 'motor'], ['항공', 'airlines'], ['해운', 'shipping'], ['상사', 'trading'],
  ['제철', 'steel'], ['통신', 'telecom'], ['에너지', 'energy'], ['석유', 'petroleum'], ['홀딩스', 'holdings'], ['투자', 'investment'], ['산업', 'industries'],
]);

/** Vietnamese and Cyrillic generic words as folded Latin phrases, to English. */
export const LATIN_BUSINESS_PHRASES: ReadonlyMap<string, string> = new Map([
  ['ngan hang', 'bank'], ['tap doan', 'group'], ['thuong mai', 'commercial'], ['dau khi', 'petroleum'], ['bao hiem', 'insurance'],
  ['holding', 'holding'], ['kholding', 'holding'], ['gruppa', 'group'], ['grupo', 'group'], ['gruppe', 'group'], ['groupe', 'group'],
  ['banco', 'bank'], ['banque', 'bank'], ['banka', 'bank'],
  // Greek, as transliterated.
  ['trapeza', 'bank'], ['organismos', 'organization'], ['tilepikoinonion', 'telecommunications'], ['ellados', 'hellenic'],
  ['elliniki', 'hellenic'], ['ellinikos', 'hellenic'], ['ellinikon', 'hellenic'], ['ethniki', 'national'], ['omilos', 'group'],
  ['naftiliaki', 'shipping'], ['petrelaion', 'petroleum'], ['energeias', 'energy'], ['asfalistiki', 'insurance'], ['dimosia', 'public'],
  ['epicheirisi', 'enterprise'], ['viomichania', 'industry'], ['kataskevastiki', 'construction'],
]);

/** Company words that describe without distinguishing: one side having them costs little. */
export const WEAK_COMPANY_WORDS = new Set(['holding', 'holdings', 'enterprises', 'enterprise', 'industries', 'the']);
