// `npm run staff-token -- ID NAME ROLE`: a new staff token (printed once, to hand to the person) and its STAFF_TOKENS
// entry (id:name:role:salt:hash, the scrypt hash only) to add to every instance's configuration.
import { STAFF_ROLES, createStaffToken, type StaffRole } from '../src/staff-tokens.ts';

const [id, name, role] = process.argv.slice(2);
if (!id || !name || !STAFF_ROLES.includes(role as StaffRole)) {
  console.error(`usage: npm run staff-token -- ID NAME ROLE   (ROLE: ${STAFF_ROLES.join(' or ')})`);
  process.exit(2);
}
try {
  const { token, entry } = createStaffToken(id, name, role as StaffRole);
  console.log(`token (give it to ${name}; it is not stored anywhere): ${token}`);
  console.log(`STAFF_TOKENS entry (add to every instance):         ${entry}`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
