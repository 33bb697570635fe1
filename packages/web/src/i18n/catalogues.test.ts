import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AGENCY_TYPES, API_TOKEN_SCOPES, ERROR_CODES, REGIONS, ROLES, UI_LANGUAGES, USER_STATUSES } from '@focal/shared';

const here = fileURLToPath(new URL('.', import.meta.url));
const srcDir = join(here, '..');

type Catalogue = { [key: string]: string | Catalogue };

function load(lang: string): Catalogue {
  return JSON.parse(readFileSync(join(here, `${lang}.json`), 'utf8')) as Catalogue;
}

/** Flatten nested catalogues to dotted keys; non-string leaves are reported as they are. */
function flatten(node: Catalogue, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  for (const [key, value] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) flatten(value, path, out);
    else out.set(path, value);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();

const en = flatten(load('en'));
const enKeys = [...en.keys()];

describe('message catalogues', () => {
  it('English has no empty message', () => {
    for (const [key, value] of en) {
      expect(typeof value === 'string' && value.trim().length > 0, `en: ${key} is empty or not text`).toBe(true);
    }
  });

  for (const lang of UI_LANGUAGES.filter((l) => l !== 'en')) {
    describe(lang, () => {
      const catalogue = flatten(load(lang));

      it('has every key of English, each with a non-empty message', () => {
        const missing = enKeys.filter((key) => !catalogue.has(key));
        expect(missing, `${lang}: missing keys`).toEqual([]);
        const empty = enKeys.filter((key) => {
          const value = catalogue.get(key);
          return typeof value !== 'string' || value.trim() === '';
        });
        expect(empty, `${lang}: empty messages`).toEqual([]);
      });

      it('has no key that English lacks', () => {
        const extra = [...catalogue.keys()].filter((key) => !en.has(key));
        expect(extra, `${lang}: keys not in en.json`).toEqual([]);
      });

      it('keeps the same {{placeholders}} as English', () => {
        const wrong = enKeys.filter((key) => {
          const value = catalogue.get(key);
          return typeof value === 'string' && placeholders(value).join() !== placeholders(String(en.get(key))).join();
        });
        expect(wrong, `${lang}: placeholders differ`).toEqual([]);
      });
    });
  }

  it('translates every code the interface turns into text', () => {
    const expected = [
      ...ERROR_CODES.map((c) => `errors.${c}`),
      'errors.network_error',
      'errors.unknown_error',
      ...ROLES.map((r) => `roles.${r}`),
      ...ROLES.map((r) => `roleHelp.${r}`),
      ...USER_STATUSES.map((s) => `statuses.${s}`),
      ...REGIONS.map((r) => `regions.${r}`),
      ...AGENCY_TYPES.map((a) => `agencyTypes.${a}`),
      ...API_TOKEN_SCOPES.map((s) => `scopes.${s.replace(/[:.]/g, '_')}`),
      ...UI_LANGUAGES.map((l) => `uiLanguages.${l}`),
    ];
    expect(expected.filter((key) => !en.has(key))).toEqual([]);
  });
});

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) files.push(path);
  }
  return files;
}

describe('keys used in the code', () => {
  const files = sourceFiles(srcDir);
  const tsx = files.filter((f) => f.endsWith('.tsx'));
  // t('key'), t("key") or t(`key`), optionally with options after the key.
  const call = /\bt\(\s*(['"`])((?:(?!\1).)+)\1/g;

  it('finds the .tsx files to scan', () => {
    expect(tsx.length).toBeGreaterThan(10);
  });

  it('every literal t() key exists in en.json', () => {
    const unknown: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(call)) {
        const key = match[2] ?? '';
        if (key.includes('${')) continue;
        if (!en.has(key)) unknown.push(`${relative(srcDir, file)}: ${key}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('every computed t(`prefix.${…}`) key points into an existing group of en.json', () => {
    const unknown: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(call)) {
        const key = match[2] ?? '';
        const at = key.indexOf('${');
        if (at < 0) continue;
        const prefix = key.slice(0, at);
        if (!prefix.endsWith('.') || !enKeys.some((k) => k.startsWith(prefix))) unknown.push(`${relative(srcDir, file)}: ${key}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('user-facing text in .tsx goes through the catalogues', () => {
    // Text between JSX tags that contains letters, e.g. <Button>Save</Button>, is a hard-coded string.
    const offenders: string[] = [];
    const allowed = new Set(['Focal', '404']);
    for (const file of tsx) {
      const text = readFileSync(file, 'utf8');
      // `>` not part of an arrow `=>`; the text up to the next `<`.
      for (const match of text.matchAll(/(?<!=)>\s*([^<>{}]*\p{L}[^<>{}]*?)(\s*)<(\/?)/gu)) {
        const words = (match[1] ?? '').trim();
        if (!words || allowed.has(words)) continue;
        // A lone identifier glued to `<` that does not close a tag is a TypeScript generic (`Promise<void>`).
        if (/^[A-Za-z_$][\w$.]*$/.test(words) && match[2] === '' && match[3] === '') continue;
        if (/[=;()]|\b(const|return|type|interface|import|export)\b/.test(words)) continue;
        offenders.push(`${relative(srcDir, file)}: ${words}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('labels, placeholders and alternative texts in .tsx go through the catalogues', () => {
    const offenders: string[] = [];
    const attribute = /\b(label|aria-label|placeholder|title|description|alt|nothingFoundMessage|confirmLabel|message)="([^"]*\p{L}[^"]*)"/gu;
    for (const file of tsx) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(attribute)) offenders.push(`${relative(srcDir, file)}: ${match[1]}="${match[2]}"`);
    }
    expect(offenders).toEqual([]);
  });
});
