import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../admin/accounts/passwords.ts';
import { passwordHashProblem, unusablePasswordHash } from './password-hash.ts';

describe('password hashes an import takes', () => {
  it('takes every hash the admin writes now, and it still verifies', async () => {
    const hash = await hashPassword('a passphrase of four words');
    expect(passwordHashProblem(hash)).toBeUndefined();
    expect(await verifyPassword('a passphrase of four words', hash)).toBe(true);
  });

  it('makes hashes of the same form that no password matches', async () => {
    const hash = unusablePasswordHash();
    expect(passwordHashProblem(hash)).toBeUndefined();
    expect(unusablePasswordHash()).not.toBe(hash);
    expect(await verifyPassword('', hash)).toBe(false);
    expect(await verifyPassword('a passphrase of four words', hash)).toBe(false);
  });

  it('refuses other schemes, costly or weak parameters and malformed parts', async () => {
    const [, , , , salt = '', key = ''] = (await hashPassword('another fine passphrase')).split(
      '$',
    );
    const cases = [
      '',
      'plain text',
      `bcrypt$32768$8$1$${salt}$${key}`,
      `scrypt$32768$8$1$${salt}`,
      `scrypt$32768$8$1$${salt}$${key}$extra`,
      `scrypt$16384.5$8$1$${salt}$${key}`,
      `scrypt$30000$8$1$${salt}$${key}`,
      `scrypt$1024$8$1$${salt}$${key}`,
      `scrypt$1048576$8$1$${salt}$${key}`,
      `scrypt$32768$8$16$${salt}$${key}`,
      `scrypt$32768$0$1$${salt}$${key}`,
      `scrypt$32768$8$1$c2hvcnQ$${key}`,
      `scrypt$32768$8$1$${salt}$${key.slice(0, -2)}`,
      `scrypt$32768$8$1$${salt}=$${key}`,
      `scrypt$32768$8$1$${salt}$${key.slice(0, -1)}B`,
    ];
    for (const hash of cases) expect(passwordHashProblem(hash), hash).toBeTypeOf('string');
  });
});
