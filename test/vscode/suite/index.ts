// The entry VS Code's extension host loads as `extensionTestsPath`. test/vscode/harness.mjs bundles it with every
// *.test.ts beside it, handing over one loader per file so the files run only after mocha's globals exist.
import Mocha from 'mocha';

export function mochaRunner(loaders: Array<() => unknown>, grep: string | null): { run(): Promise<void> } {
  return {
    run(): Promise<void> {
      const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
      if (grep) mocha.grep(new RegExp(grep));
      // What mocha.addFile() + loadFiles() would do, for modules that are already in the bundle.
      mocha.suite.emit('pre-require', globalThis, 'bundle', mocha);
      for (const load of loaders) load();
      return new Promise((resolve, reject) => {
        mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
      });
    },
  };
}
