import { envOf } from './checkPass';
import { isCheckWorker, serveCheckWorker } from './checkWorkers';
import { visibleText } from './escape';
import { toUri } from '../node/fsWorkspace';
import { main, makeService } from './kart';

if (isCheckWorker()) {
  // This bundle, started again as a worker thread by `kart check` to take its share of many files.
  void serveCheckWorker(async (cwd, today, files, configFile) => {
    const { service } = await makeService(cwd, today, configFile);
    await service.prepareConfigs(files.map(toUri));
    return envOf(service);
  });
} else {
  // `kart check | head` closes the pipe early: that is the reader's choice, not a crash.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  main(
    process.argv.slice(2),
    {
      // The last guard between a repository's text and the terminal: no escape sequence or carriage return passes
      // raw (the progress line's own carriage returns aside); each field was escaped where it was put in a line.
      out: (s) => process.stdout.write(visibleText(s) + '\n'),
      err: (s) => process.stderr.write(s.startsWith('\r') ? s.split('\r').map(visibleText).join('\r') : visibleText(s) + '\n'),
      isTTY: Boolean(process.stderr.isTTY),
      write: (s) => process.stdout.write(s),
      readStdin: async () => {
        const chunks: Buffer[] = [];
        for await (const c of process.stdin) chunks.push(c as Buffer);
        return Buffer.concat(chunks).toString('utf8');
      },
    },
    process.cwd(),
    { workerScript: __filename },
  ).then((code) => {
    process.exitCode = code;
  });
}
