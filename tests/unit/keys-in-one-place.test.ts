import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { keys, parseKey, keyText } from '../../functions/lib/keys';
import { objectKeys, uploadKey } from '../../functions/lib/object-keys';

/** Runs the repo's eslint config on `code` as if it were the file `filePath`, and returns the messages. */
function lint(code: string, filePath: string): string[] {
  const root = join(__dirname, '..', '..');
  const out = spawnSync(process.execPath, [join(root, 'node_modules/eslint/bin/eslint.js'), '--format', 'json', '--stdin', '--stdin-filename', filePath], {
    cwd: root,
    input: code,
    encoding: 'utf8',
  });
  const results = JSON.parse(out.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  return results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message));
}

describe('keys in one place', () => {
  it('eslint refuses a table or object key built outside keys.ts / object-keys.ts', () => {
    const code = [
      'export const a = (id: string) => `USER#${id}`;',
      "export const b = 'PRODUCT#x';",
      "export const c = (i: { SK: string }) => i.SK === 'PROFILE';",
      "export const d = { PK: 'HEALTH', SK: 'HEALTH' };",
      'export const e = (m: string) => `merchants/${m}/store/`;',
      '',
    ].join('\n');
    const messages = lint(code, 'functions/catalog/probe.ts');
    expect(messages.filter((m) => /^(A table key|Compare a key)/.test(m))).toHaveLength(5);
    expect(messages.filter((m) => m.startsWith('An S3 object key'))).toHaveLength(1);
    // The same lines are the point of keys.ts itself.
    expect(lint("export const b = 'PRODUCT#x';\n", 'functions/lib/keys.ts')).toEqual([]);
  }, 60_000);

  it('parseKey reads back what keys builds', () => {
    expect(parseKey.userId(keys.user('01U').PK)).toBe('01U');
    expect(parseKey.dailyStatDay(keys.dailyStat('2026-12-03', 'signups').PK)).toBe('2026-12-03');
    expect(parseKey.userId(keys.merchant('01M').PK)).toBeUndefined();
    expect(keyText(keys.productSku('P', 'S'))).toBe(`${keys.productSku('P', 'S').PK}|${keys.productSku('P', 'S').SK}`);
  });

  it('object keys: an upload lands under its owner prefix, imports under the product media prefix', () => {
    const key = uploadKey(objectKeys.productImports('M1'), '01X', 'csv');
    expect(key.startsWith(objectKeys.productMedia('M1'))).toBe(true);
    expect(key.startsWith(objectKeys.productMedia('M2'))).toBe(false);
    expect(uploadKey(objectKeys.storeImages('M1'), '01X', 'png')).toMatch(/^merchants\/M1\/store\/01X\.png$/);
  });
});
