// Builds dist/ once per test run (scripts/build.js, as `npm start` does first): the end-to-end suites start the product
// as shipped, npm start's command on dist/ through src/server/spawn.ts, so they must never run a stale or missing build.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.js'], { stdio: 'inherit' });
}
