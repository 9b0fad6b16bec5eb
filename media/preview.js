// The preview page's only script (loaded with the page's CSP nonce). It talks to the extension by messages:
// scroll sync both ways by source line, fact cards reveal their fact in the editor, links go to the extension,
// which opens http(s) and mailto in the browser. Updates replace <main>'s content so the page never reloads.
(function () {
  'use strict';
  const vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  const post = (message) => vscode && vscode.postMessage(message);
  const main = document.getElementById('kart-preview');
  if (!main) return;

  // Programmatic scrolls must not echo back to the editor, and the editor's echo must not move us again.
  let ignoreScrollUntil = 0;

  function saveState() {
    if (vscode) vscode.setState({ uri: main.dataset.uri, scrollY: window.scrollY });
  }

  function lineElements() {
    return Array.prototype.filter.call(main.querySelectorAll('[data-line]'), (el) => el.offsetParent !== null || el === main);
  }

  function topOf(el) {
    return el.getBoundingClientRect().top + window.scrollY;
  }

  function scrollToLine(line) {
    const els = lineElements();
    if (els.length === 0) return;
    let prev;
    let next;
    for (const el of els) {
      const l = Number(el.dataset.line);
      if (l <= line) prev = el;
      else {
        next = el;
        break;
      }
    }
    let y = 0;
    if (prev) {
      const prevLine = Number(prev.dataset.line);
      y = topOf(prev);
      if (next) {
        const nextLine = Number(next.dataset.line);
        y += ((line - prevLine) / Math.max(1, nextLine - prevLine)) * (topOf(next) - y);
      }
    }
    ignoreScrollUntil = Date.now() + 250;
    window.scrollTo(0, Math.max(0, y - 8));
  }

  function lineAtTop() {
    const els = lineElements();
    const top = window.scrollY + 8;
    let prev;
    let next;
    for (const el of els) {
      if (topOf(el) <= top) prev = el;
      else {
        next = el;
        break;
      }
    }
    if (!prev) return 0;
    const prevLine = Number(prev.dataset.line);
    if (!next) return prevLine;
    const prevTop = topOf(prev);
    const fraction = (top - prevTop) / Math.max(1, topOf(next) - prevTop);
    return Math.floor(prevLine + fraction * (Number(next.dataset.line) - prevLine));
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
    if (Number.isFinite(line)) post({ type: 'revealFact', line, id: card.dataset.fact });
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
      scrollToLine(message.line);
    }
  });

  const state = vscode && vscode.getState();
  if (state && state.uri === main.dataset.uri && typeof state.scrollY === 'number') {
    ignoreScrollUntil = Date.now() + 250;
    window.scrollTo(0, state.scrollY);
  }
  post({ type: 'ready' });
})();
