import { randomBytes } from 'node:crypto';
import { KEY_LENGTH, PARAMS } from '../admin/accounts/passwords.ts';

/*
 * Password hashes as the admin writes them (src/admin/accounts/passwords.ts):
 *
 *   scrypt$<N>$<r>$<p>$<salt, base64url>$<hash, base64url>
 *
 * An import takes a hash only in that form, and only with parameters the admin can check
 * cheaply: a hash it cannot verify locks the account out, and one with huge parameters
 * would make every sign-in (and its decoy for unknown addresses) slow enough to stall
 * the server. The limits below follow passwords.ts's own parameters.
 */

/** The length of the derived key passwords.ts stores. */
const KEY_BYTES = KEY_LENGTH;
/** The work of the parameters passwords.ts uses now… */
const DEFAULT_WORK = PARAMS.N * PARAMS.r * PARAMS.p;
/** …and at most four times that, so no imported hash makes a sign-in much slower. */
const MAX_WORK = 4 * DEFAULT_WORK;
/** Below this the hash is too cheap to guess against; passwords.ts never wrote one. */
const MIN_N = 2 ** 14;
/** scrypt needs 128·N·r bytes; passwords.ts allows 256 MiB, this leaves it room. */
const MAX_MEMORY = 128 * 1024 * 1024;

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Why `hash` is not a hash the admin could verify, or undefined when it is one. */
export function passwordHashProblem(hash: string): string | undefined {
  const parts = hash.split('$');
  const [scheme, n, r, p, salt, key] = parts;
  if (parts.length !== 6 || scheme !== 'scrypt')
    return 'must be a scrypt hash as Dossier writes it: scrypt$N$r$p$salt$hash';
  const N = Number(n);
  const R = Number(r);
  const P = Number(p);
  if (![N, R, P].every((v) => Number.isSafeInteger(v) && v >= 1))
    return 'has scrypt parameters that are not whole numbers';
  if ((N & (N - 1)) !== 0 || N < MIN_N)
    return 'has an scrypt N that is not a power of two from 2^14';
  if (N * R * P > MAX_WORK || 128 * N * R > MAX_MEMORY)
    return 'has scrypt parameters too costly to check at every sign-in';
  const saltBytes = decoded(salt);
  if (saltBytes === undefined || saltBytes.length < 16 || saltBytes.length > 64)
    return 'has a salt that is not 16 to 64 bytes of base64url';
  if (decoded(key)?.length !== KEY_BYTES)
    return `has a derived key that is not ${KEY_BYTES} bytes of base64url`;
  return undefined;
}

function decoded(value: string | undefined): Buffer | undefined {
  if (value === undefined || !BASE64URL.test(value)) return undefined;
  const bytes = Buffer.from(value, 'base64url');
  // Only the one spelling Buffer writes: trailing bits that decode to nothing are refused.
  return bytes.toString('base64url') === value ? bytes : undefined;
}

/**
 * A hash in the admin's form that no password matches (its key was never derived from
 * one): for an account imported without its hash. Checking a password against it costs
 * what a real hash costs, so sign-in times do not tell such accounts apart; the account's
 * owner sets a password through "Forgot your password?".
 */
export function unusablePasswordHash(): string {
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, randomBytes(16), randomBytes(KEY_BYTES)]
    .map((part) => (Buffer.isBuffer(part) ? part.toString('base64url') : String(part)))
    .join('$');
}
