import { HANDLING_CODES, MESSAGE_SORTS, type TFolder, type THandlingCode, type TMessageQuery, type TMessageSort } from '@focal/shared';

/** The search form's fields, kept in the address so Back returns to the same results. */
export interface SearchFields {
  q: string;
  from: string;
  to: string;
  code: THandlingCode | null;
  after: string;
  before: string;
  label: string | null;
  unread: boolean;
  all: boolean;
}

export const EMPTY_SEARCH: SearchFields = { q: '', from: '', to: '', code: null, after: '', before: '', label: null, unread: false, all: false };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readSearch(params: URLSearchParams): SearchFields {
  const code = params.get('code');
  const date = (key: string) => {
    const value = params.get(key) ?? '';
    return DATE.test(value) ? value : '';
  };
  return {
    q: params.get('q') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    code: code && (HANDLING_CODES as readonly string[]).includes(code) ? (code as THandlingCode) : null,
    after: date('after'),
    before: date('before'),
    label: params.get('label') || null,
    unread: params.get('unread') === 'true',
    all: params.get('all') === 'true',
  };
}

export function readSort(params: URLSearchParams): TMessageSort {
  const sort = params.get('sort');
  return sort && (MESSAGE_SORTS as readonly string[]).includes(sort) ? (sort as TMessageSort) : 'date_desc';
}

export function writeSearch(fields: SearchFields, sort: TMessageSort): URLSearchParams {
  const params = new URLSearchParams();
  const put = (key: string, value: string | null | undefined) => {
    if (value && value.trim()) params.set(key, value.trim());
  };
  put('q', fields.q);
  put('from', fields.from);
  put('to', fields.to);
  put('code', fields.code);
  put('after', fields.after);
  put('before', fields.before);
  put('label', fields.label);
  if (fields.unread) params.set('unread', 'true');
  if (fields.all) params.set('all', 'true');
  if (sort !== 'date_desc') params.set('sort', sort);
  return params;
}

export function isSearching(fields: SearchFields): boolean {
  return Boolean(fields.q || fields.from || fields.to || fields.code || fields.after || fields.before || fields.label || fields.unread || fields.all);
}

/** The API query for a folder (or a label, searched across folders) and the form's fields. */
export function toQuery(folder: TFolder, labelId: string | null, fields: SearchFields, sort: TMessageSort): TMessageQuery {
  const query: TMessageQuery = { folder, sort };
  if (fields.q.trim()) query.q = fields.q.trim();
  if (fields.from.trim()) query.from = fields.from.trim();
  if (fields.to.trim()) query.to = fields.to.trim();
  if (fields.code) query.code = fields.code;
  if (fields.after) query.after = fields.after;
  if (fields.before) query.before = fields.before;
  const label = labelId ?? fields.label;
  if (label) query.label = label;
  if (fields.unread) query.unread = 'true';
  if (fields.all || labelId) query.all = 'true';
  return query;
}
