// Staff identities (STAFF_TOKENS): several tokens, each with an id, a name and a role, stored only as scrypt hashes
// (node:crypto). A token is `<id>.<secret>`: the id picks the one entry to verify, so a request costs one scrypt at
// most, and a verified token is remembered (by its sha256) for a few minutes so staff pages do not pay it each time.
import crypto from 'node:crypto';

export type StaffRole = 'editor' | 'publisher';
export const STAFF_ROLES: readonly StaffRole[] = ['editor', 'publisher'];

/** What the audit log and the logs name: never the token itself. */
export interface StaffIdentity {
  id: string;
  name: string;
  role: StaffRole;
}

export interface StaffTokenEntry extends StaffIdentity {
  /** base64url salt and scrypt hash of the whole token. */
  salt: string;
  hash: string;
}

/** scrypt's cost (N = 2^14, r = 8, p = 1: about 50 ms and 16 MiB here), and the hash length. */
const SCRYPT = { N: 16_384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const HASH_BYTES = 32;
/** How long a verified token is remembered, and how many are. */
const REMEMBER_MS = 5 * 60_000;
const REMEMBER_MAX = 100;
/** Longest token accepted (anything longer is not one of ours: no scrypt is spent on it). */
export const STAFF_TOKEN_MAX_CHARS = 200;

const ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const NAME = /^[\p{L}\p{N}_-]{1,40}$/u;
const B64 = /^[A-Za-z0-9_-]{16,}$/;

function scrypt(token: string, salt: string): Buffer {
  return crypto.scryptSync(token, Buffer.from(salt, 'base64url'), HASH_BYTES, SCRYPT);
}

/** A new token for `name` with `role`: the token to hand over once, and the entry to put in STAFF_TOKENS. */
export function createStaffToken(
  id: string,
  name: string,
  role: StaffRole,
): { token: string; entry: string; parsed: StaffTokenEntry } {
  if (!ID.test(id)) throw new Error(`staff: the id "${id}" must be lower-case letters, digits and hyphens.`);
  if (!NAME.test(name)) throw new Error(`staff: the name "${name}" must be letters, digits, _ or - (at most 40).`);
  const token = `${id}.${crypto.randomBytes(24).toString('base64url')}`;
  const salt = crypto.randomBytes(16).toString('base64url');
  const hash = scrypt(token, salt).toString('base64url');
  return { token, entry: [id, name, role, salt, hash].join(':'), parsed: { id, name, role, salt, hash } };
}

/** Parses STAFF_TOKENS (entries `id:name:role:salt:hash`, commas or white space between them); null names the bad one. */
export function parseStaffEntry(entry: string): StaffTokenEntry | null {
  const [id, name, role, salt, hash, ...rest] = entry.split(':');
  if (rest.length > 0 || !id || !name || !role || !salt || !hash) return null;
  if (!ID.test(id) || !NAME.test(name) || !STAFF_ROLES.includes(role as StaffRole)) return null;
  if (!B64.test(salt) || !B64.test(hash)) return null;
  return { id, name, role: role as StaffRole, salt, hash };
}

/** Verifies bearer tokens against the entries (constant-time comparison of the scrypt hashes). */
export function createStaffVerifier(entries: readonly StaffTokenEntry[]): (token: string) => StaffIdentity | null {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const remembered = new Map<string, { who: StaffIdentity; until: number }>();
  return (token) => {
    if (token.length > STAFF_TOKEN_MAX_CHARS) return null;
    const entry = byId.get(token.slice(0, token.indexOf('.')));
    if (!entry) return null;
    const digest = crypto.createHash('sha256').update(token).digest('base64url');
    const known = remembered.get(digest);
    const now = Date.now();
    if (known && known.until > now) return known.who;
    const expected = Buffer.from(entry.hash, 'base64url');
    const given = scrypt(token, entry.salt);
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
    const who = { id: entry.id, name: entry.name, role: entry.role };
    if (remembered.size >= REMEMBER_MAX) remembered.clear();
    remembered.set(digest, { who, until: now + REMEMBER_MS });
    return who;
  };
}
