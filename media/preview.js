// The preview page's only script (loaded with the page's CSP nonce). It talks to the extension by messages:
// scroll sync both ways by source line (the facts table and the sources by their frontmatter lines), fact rows reveal their fact in the editor, links go to the extension,
// which opens http(s) and mailto in the browser. Updates replace <main>'s content so the page never reloads.
(function () {
  'use strict';
  const vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  const post = (message) => vscode && vscode.postMessage(message);
  const main = document.getElementById('kart-preview');
  if (!main) return;

  // Programmatic scrolls must not echo back to the editor, and the editor's echo must not move us again.
  let ignoreScrollUntil = 0;
  // After a click on a fact the editor moves to it; the reader keeps their place here, so its echo is not followed.
  let holdUntil = 0;

  function saveState() {
    if (vscode) vscode.setState({ uri: main.dataset.uri, scrollY: window.scrollY });
  }

  function lineElements() {
    return Array.prototype.filter.call(main.querySelectorAll('[data-line]'), (el) => el.offsetParent !== null || el === main);
  }

  function topOf(el) {
    return el.getBoundingClientRect().top + window.scrollY;
  }

  const lineOf = (el) => Number(el.dataset.line);

  // The page shows the document's parts in its own order: the header (the frontmatter's top), the body, then the
  // facts table and the sources, whose lines lie in the frontmatter above the body. Lines grow within a part only, so
  // a line maps to the element with the greatest line not after it (wherever it stands on the page), and the
  // position between two elements is interpolated only when they are neighbours of the same part.
  function scrollToLine(line) {
    const els = lineElements();
    if (els.length === 0) return;
    let best = -1;
    for (let i = 0; i < els.length; i++) {
      const l = lineOf(els[i]);
      if (l <= line && (best < 0 || l >= lineOf(els[best]))) best = i;
    }
    let y = 0;
    if (best >= 0) {
      const prevLine = lineOf(els[best]);
      // A section's heading carries its first item's line: show the heading, not the item under it.
      let first = best;
      while (first > 0 && lineOf(els[first - 1]) === prevLine) first--;
      y = topOf(els[first]);
      const next = els[best + 1];
      if (next && lineOf(next) > prevLine) {
        const nextLine = lineOf(next);
        y += ((Math.min(line, nextLine) - prevLine) / Math.max(1, nextLine - prevLine)) * (topOf(next) - y);
      }
    }
    ignoreScrollUntil = Date.now() + 250;
    window.scrollTo(0, Math.max(0, y - 8));
  }

  function lineAtTop() {
    const els = lineElements();
    const top = window.scrollY + 8;
    let at = -1;
    for (let i = 0; i < els.length; i++) {
      if (topOf(els[i]) <= top) at = i;
      else break;
    }
    if (at < 0) return 0;
    const prev = els[at];
    const next = els[at + 1];
    const prevLine = lineOf(prev);
    if (!next || lineOf(next) <= prevLine) return prevLine;
    const prevTop = topOf(prev);
    const fraction = (top - prevTop) / Math.max(1, topOf(next) - prevTop);
    return Math.floor(prevLine + fraction * (lineOf(next) - prevLine));
  }

  let scrollPending = false;
  window.addEventListener('scroll', () => {
    saveState();
    if (Date.now() < ignoreScrollUntil || scrollPending) return;
    scrollPending = true;
    requestAnimationFrame(() => {
      scrollPending = false;
      if (Date.now() >= ignoreScrollUntil) post({ type: 'revealLine', line: lineAtTop() });
    });
  });

  function flash(el) {
    el.classList.remove('kart-flash');
    void el.offsetWidth;
    el.classList.add('kart-flash');
  }

  function revealFact(card) {
    const line = Number(card.dataset.factLine);
    if (!Number.isFinite(line)) return;
    holdUntil = Date.now() + 1000;
    post({ type: 'revealFact', line, id: card.dataset.fact });
  }

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const anchor = target.closest('a[href]');
    if (anchor) {
      // Handled here so the webview host does not also open it.
      event.preventDefault();
      event.stopPropagation();
      const href = anchor.getAttribute('href') || '';
      if (href.startsWith('#')) {
        const el = document.getElementById(decodeURIComponent(href.slice(1)));
        if (el) {
          ignoreScrollUntil = Date.now() + 400;
          el.scrollIntoView({ block: 'center' });
          flash(el);
        }
      } else if (/^(https?:|mailto:)/i.test(anchor.href)) {
        post({ type: 'openLink', href: anchor.href });
      }
      return;
    }
    const card = target.closest('.kart-fact');
    if (card) revealFact(card);
  }, true);

  document.addEventListener('keydown', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (event.key === 'Enter' && target && target.classList.contains('kart-fact')) revealFact(target);
  });

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'update' && typeof message.html === 'string') {
      const sameDocument = message.uri === main.dataset.uri;
      const y = window.scrollY;
      main.innerHTML = message.html;
      main.dataset.uri = message.uri;
      main.dataset.version = String(message.version);
      main.dataset.bodyStartLine = String(message.bodyStartLine);
      ignoreScrollUntil = Date.now() + 250;
      if (sameDocument) window.scrollTo(0, y);
      else if (typeof message.line === 'number') scrollToLine(message.line);
      else window.scrollTo(0, 0);
      saveState();
    } else if (message.type === 'scrollToLine' && typeof message.line === 'number') {
      if (Date.now() >= holdUntil) scrollToLine(message.line);
    }
  });

  const state = vscode && vscode.getState();
  if (state && state.uri === main.dataset.uri && typeof state.scrollY === 'number') {
    ignoreScrollUntil = Date.now() + 250;
    window.scrollTo(0, state.scrollY);
  }
  post({ type: 'ready' });
})();
