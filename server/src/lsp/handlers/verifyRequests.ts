/**
 * "Verify Sources": the one request that makes the server go online, and only when the user asks. It verifies the
 * sources of an article or of the workspace into the same report file `kart verify` writes, with progress and
 * cancellation, then re-reads the report so that diagnostics, hovers, the preview and the status bar show it.
 */
import { ErrorCodes, ResponseError, type CancellationToken, type WorkDoneProgressReporter } from 'vscode-languageserver';
import { version } from '../../../../package.json';
import { parseArticle, type Article } from '../../model/article';
import { toPath } from '../../node/fsWorkspace';
import { readReportFile, runVerification, wantedOf, writeReportFile } from '../../node/verifyRun';
import { VERIFY_SOURCES, type VerifySourcesParams, type VerifySourcesResult } from '../../protocol';
import { importAnchorFactReport } from '../../verify/report';
import type { Session } from '../session';
import type { HandlerGroup } from './group';

/** The articles to verify: the one asked for, or every included file (open ones as the editor has them). */
async function articlesOf(session: Session, uri: string | undefined, token: CancellationToken): Promise<Article[]> {
  const { docs, service, workspace } = session;
  if (uri !== undefined) {
    const article = await session.articleFor(uri);
    if (!article?.isArticle) throw new ResponseError(ErrorCodes.InvalidParams, 'This document is not a knowledge article: it has no sources to verify.');
    return [article];
  }
  const out: Article[] = [];
  for (const root of workspace.roots) {
    for (const file of await workspace.listFiles(root, token)) {
      if (token.isCancellationRequested) return out;
      if (!service.isIncluded(file)) continue;
      const open = docs.openLike(file);
      const article = open ? service.getArticle(open) : await workspace.readFile(file).then((t) => (t === undefined ? undefined : parseArticle(file, t, 0, { frontmatterOnly: true })));
      if (article?.isArticle) out.push(article);
    }
  }
  return out;
}

/** The progress the client asked for (its token), or one the server creates; either is cancellable. */
async function progressFor(session: Session, p: VerifySourcesParams | undefined): Promise<{ reporter: Pick<WorkDoneProgressReporter, 'begin' | 'report' | 'done'>; cancel?: CancellationToken }> {
  const window = session.connection.window;
  if (p?.workDoneToken !== undefined) return { reporter: window.attachWorkDoneProgress(p.workDoneToken) };
  try {
    const created = await window.createWorkDoneProgress();
    return { reporter: created, cancel: created.token };
  } catch {
    return { reporter: { begin: () => undefined, report: () => undefined, done: () => undefined } };
  }
}

export const verifyRequests: HandlerGroup = {
  register({ session, diagnostics }) {
    session.connection.onRequest(
      VERIFY_SOURCES,
      session.request('Verify sources', async (p: VerifySourcesParams | undefined, token): Promise<VerifySourcesResult> => {
        await session.ready;
        const { service, workspace } = session;
        const files = service.verificationFiles();
        if (!files.report || !files.report.startsWith('file:')) throw new ResponseError(ErrorCodes.InvalidRequest, 'Open a folder first: the verification report is kept at the workspace root.');
        const articles = await articlesOf(session, typeof p?.uri === 'string' ? p.uri : undefined, token);
        const wanted = wantedOf(articles);
        const keys = [...new Set(wanted.map((w) => w.key))];
        const reportPath = toPath(files.report);
        const { report } = await readReportFile(reportPath);
        const fallback = files.anchorfact ? importAnchorFactReport(await workspace.readFile(files.anchorfact)) : undefined;
        const { reporter, cancel } = await progressFor(session, p);
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        cancel?.onCancellationRequested(() => controller.abort());
        reporter.begin('Verifying sources', 0, `${keys.length} to look at`, true);
        let summary;
        try {
          summary = await runVerification({
            wanted,
            report,
            fallback,
            settings: service.config.verify,
            version,
            force: p?.force === true,
            signal: controller.signal,
            onProgress: (done, total, key) => reporter.report(Math.floor((done * 100) / Math.max(1, total)), `${done}/${total} ${key.replace(/^\w+:/, '')}`),
            saveTo: reportPath,
          });
        } finally {
          reporter.done();
        }
        // Whatever was learnt is kept, a cancelled run's too.
        if (summary.checked > 0) await writeReportFile(reportPath, report);
        await service.loadVerification();
        diagnostics.diagnosticsChangedEverywhere();
        const result = (k: string) => report.results[k] ?? fallback?.[k];
        return {
          sources: keys.length,
          checked: summary.checked,
          cached: summary.cached,
          missing: summary.missing,
          dead: keys.filter((k) => result(k)?.status === 'dead').length,
          unknown: keys.filter((k) => result(k)?.status === 'unknown').length,
          cancelled: summary.cancelled,
          report: files.report,
        };
      }),
    );
  },
};
