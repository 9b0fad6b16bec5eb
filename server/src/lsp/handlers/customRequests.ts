/** The extension's own requests (server/src/protocol.ts): preview, new article, snippets, check workspace. */
import { existsSync } from 'fs';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { Finding } from '../../core/types';
import { buildArticleView } from '../../features/articleView';
import { factSnippet, newArticleFile, sourceSnippet, type SnippetInsert } from '../../features/snippets';
import type { Article } from '../../model/article';
import { toPath } from '../../node/fsWorkspace';
import { ARTICLE_VIEW, CHECK_WORKSPACE, FACT_SNIPPET, NEW_ARTICLE, SOURCE_SNIPPET, type CheckWorkspaceResult, type InsertSnippet } from '../../protocol';
import type { HandlerGroup } from './group';

function snippetAnswer(article: Article, s: SnippetInsert | undefined): InsertSnippet | null {
  if (!s) return null;
  const position = article.lines.positionAt(s.offset);
  const answer: InsertSnippet = { position, snippet: s.snippet };
  if (s.replaceEnd !== undefined) answer.replace = { start: position, end: article.lines.positionAt(s.replaceEnd) };
  return answer;
}

export const customRequests: HandlerGroup = {
  register({ session, index, diagnostics }) {
    const c = session.connection;
    const { docs, service, workspace } = session;
    c.onRequest(
      ARTICLE_VIEW,
      session.request('Article view', async (p: { uri: string }, token) => {
        const doc = typeof p?.uri === 'string' ? await docs.get(docs.canonical(p.uri)) : undefined;
        if (!doc) return null;
        const article = service.getArticle(doc);
        const findings = session.findingsOf(article, token);
        const view = buildArticleView(article, findings, service.config, service.today);
        view.uri = p.uri;
        return view;
      }),
    );
    c.onRequest(
      NEW_ARTICLE,
      session.request('New article', (p: { title: string; folderUri: string }) => {
        if (typeof p?.title !== 'string' || typeof p.folderUri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'kart/newArticle needs {title, folderUri}.');
        const folder = docs.canonical(p.folderUri);
        const made = newArticleFile(p.title, folder, workspace.roots, service.today, (u) => docs.isOpen(u) || (u.startsWith('file:') && existsSync(toPath(u))));
        return { uri: made.uri, text: made.text };
      }),
    );
    c.onRequest(
      FACT_SNIPPET,
      session.request('Fact snippet', async (p: { uri: string }) => {
        const article = typeof p?.uri === 'string' ? await session.articleFor(p.uri) : undefined;
        return article ? snippetAnswer(article, factSnippet(article)) : null;
      }),
    );
    c.onRequest(
      SOURCE_SNIPPET,
      session.request('Source snippet', async (p: { uri: string; list?: string }) => {
        const article = typeof p?.uri === 'string' ? await session.articleFor(p.uri) : undefined;
        const list = p?.list === 'secondary_sources' ? 'secondary_sources' : 'primary_sources';
        return article ? snippetAnswer(article, sourceSnippet(article, list, service.today)) : null;
      }),
    );
    c.onRequest(
      CHECK_WORKSPACE,
      session.request('Check workspace', async (_p: unknown, token): Promise<CheckWorkspaceResult> => {
        await session.ready;
        diagnostics.closedRules = 'all';
        const progress = await session.progress();
        progress.begin('Checking knowledge articles', 0, undefined, false);
        let result: { files: number; findings: Finding[] };
        try {
          let last = -1;
          const listed: string[] = [];
          for (const root of workspace.roots) for (const f of await workspace.listFiles(root, token)) if (service.isIncluded(f)) listed.push(f);
          result = await diagnostics.refreshClosed(listed, (done, total) => {
            const pct = Math.floor((done * 100) / Math.max(1, total));
            if (pct !== last) progress.report(pct, `${done}/${total} files`);
            last = pct;
          });
        } finally {
          progress.done();
        }
        const problems = { errors: 0, warnings: 0, infos: 0, hints: 0 };
        let files = result.files;
        const findings = [...result.findings];
        for (const doc of docs.openDocuments()) {
          const article = index.indexOpen(docs.like(doc));
          if (!session.wants(article)) continue;
          files++;
          findings.push(...session.findingsOf(article));
          if (!session.pullDiagnostics) diagnostics.scheduleDiagnostics(doc, 0);
        }
        for (const f of findings) problems[f.severity === 'error' ? 'errors' : f.severity === 'warning' ? 'warnings' : f.severity === 'info' ? 'infos' : 'hints']++;
        return { files, problems };
      }),
    );
  },
};
