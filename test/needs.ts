/**
 * What a test needs from outside the project (Neovim, Chromium, code-server, the npm registry) and installs on first
 * use. The rule: outside CI, a test that cannot get what it needs says why and skips; in CI (where the project
 * installs everything it tests with) the same failure fails the test.
 */
import type { TestContext } from 'node:test';

/** CI as GitHub Actions and most CI services set it (CI=true); CI=false or CI=0 means a local run. */
export function inCI(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.CI?.trim().toLowerCase();
  return v !== undefined && v !== '' && v !== 'false' && v !== '0';
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e)).trim();

export class Needs {
  private missing: string[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  /**
   * Runs `install` (an apt-get, an npm install, a lookup) and returns what it returns. When it throws: in CI the
   * error is thrown again, naming what was needed; elsewhere it is kept as the reason to skip and undefined returned.
   */
  get<T>(what: string, install: () => T): T | undefined {
    try {
      return install();
    } catch (e) {
      const why = `${what} is needed and could not be installed: ${messageOf(e)}`;
      if (inCI(this.env)) throw new Error(`${why} (in CI this is a failure, not a skip)`);
      this.missing.push(why);
      process.stderr.write(`SKIPPED: ${why}\n`);
      return undefined;
    }
  }

  /** Why the tests depending on it cannot run here, or undefined: the `skip` option of a describe or it. */
  get reason(): string | undefined {
    return this.missing.length > 0 ? this.missing.join('; ') : undefined;
  }

  /** In a test: when something it needs is missing, skips it with the reason (shown in the report); true then. */
  skip(t: Pick<TestContext, 'skip' | 'diagnostic'>): boolean {
    const why = this.reason;
    if (why === undefined) return false;
    t.diagnostic(`SKIPPED: ${why}`);
    t.skip(why);
    return true;
  }
}
