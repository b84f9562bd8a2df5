// The SPARQL editor: CodeMirror 5 (vendored, /assets/vendor/codemirror.bundle.js)
// with SPARQL highlighting, completion of the predeclared prefixes and of
// keywords, a mark on prefixes that are neither declared nor predeclared,
// and the server's syntax errors shown at their line. Without CodeMirror
// (not vendored) the plain textarea works as before.

import { $ } from './dom.js';
import { PREFIXES } from './vocab.js';

const KEYWORDS = ['SELECT', 'DISTINCT', 'WHERE', 'FILTER', 'OPTIONAL', 'UNION', 'MINUS', 'GRAPH', 'VALUES',
  'BIND', 'GROUP BY', 'ORDER BY', 'HAVING', 'LIMIT', 'OFFSET', 'ASK', 'CONSTRUCT', 'DESCRIBE', 'PREFIX',
  'COUNT', 'SUM', 'MIN', 'MAX', 'SAMPLE', 'GROUP_CONCAT', 'STR', 'LANG', 'YEAR', 'CONTAINS', 'REGEX',
  'NOT EXISTS', 'EXISTS', 'DESC', 'ASC', 'AS'];

/** Prefixes the query declares itself (`PREFIX ex: <…>`). */
function declaredPrefixes(text) {
  return new Set([...text.matchAll(/PREFIX\s+([A-Za-z][\w.-]*)?:\s*</gi)].map((m) => `${m[1] ?? ''}:`));
}

/** Completions for the word before the cursor: prefixes (with their IRI) and keywords. */
function sparqlHint(cm) {
  const cursor = cm.getCursor();
  const line = cm.getLine(cursor.line);
  let start = cursor.ch;
  while (start > 0 && /[\w:-]/.test(line[start - 1])) start--;
  const word = line.slice(start, cursor.ch);
  if (!word || word.startsWith('?')) return null;
  const lower = word.toLowerCase();
  const prefixes = PREFIXES.filter(([p]) => p.startsWith(lower) && p !== lower)
    .map(([p, iri]) => ({ text: p, displayText: `${p}  ${iri}` }));
  const keywords = word.includes(':') ? [] : KEYWORDS.filter((k) => k.toLowerCase().startsWith(lower) && k.toLowerCase() !== lower)
    .map((k) => ({ text: k }));
  const list = [...prefixes, ...keywords];
  if (!list.length) return null;
  return { list, from: window.CodeMirror.Pos(cursor.line, start), to: cursor };
}

/** The query box: CodeMirror over #query-text when it loaded, else the textarea itself. */
export function createEditor({ onChange, onRun }) {
  const textarea = $('#query-text');
  if (typeof window.CodeMirror !== 'function') {
    textarea.addEventListener('input', onChange);
    textarea.addEventListener('keydown', (evt) => {
      if (evt.key === 'Enter' && (evt.ctrlKey || evt.metaKey)) {
        evt.preventDefault();
        onRun();
      }
    });
    return {
      getValue: () => textarea.value,
      setValue: (text) => { textarea.value = text; },
      showError: () => {},
      clearError: () => {},
    };
  }
  const cm = window.CodeMirror.fromTextArea(textarea, {
    mode: 'application/sparql-query',
    lineNumbers: true,
    matchBrackets: true,
    indentUnit: 2,
    viewportMargin: Infinity,
    extraKeys: {
      'Ctrl-Enter': onRun,
      'Cmd-Enter': onRun,
      'Ctrl-Space': (editor) => editor.showHint({ hint: sparqlHint, completeSingle: false }),
    },
  });
  let marks = [];
  let errorLine = null;
  const clearError = () => {
    if (errorLine !== null) cm.removeLineClass(errorLine, 'background', 'cm-error-line');
    errorLine = null;
    for (const m of marks.filter((m) => m.className === 'cm-error-at')) m.clear();
    marks = marks.filter((m) => m.className !== 'cm-error-at');
  };
  /** Marks prefixes the query neither declares nor may use undeclared. */
  const checkPrefixes = () => {
    for (const m of marks.filter((m) => m.className === 'cm-unknown-prefix')) m.clear();
    marks = marks.filter((m) => m.className !== 'cm-unknown-prefix');
    const known = new Set([...PREFIXES.map(([p]) => p), ...declaredPrefixes(cm.getValue())]);
    cm.eachLine((handle) => {
      const line = cm.getLineNumber(handle);
      for (const token of cm.getLineTokens(line)) {
        const prefix = token.type === 'atom' && /^([A-Za-z][\w.-]*)?:/.exec(token.string)?.[0];
        if (prefix && !known.has(prefix) && !/PREFIX\s*$/i.test(handle.text.slice(0, token.start))) {
          const mark = cm.markText({ line, ch: token.start }, { line, ch: token.start + prefix.length }, {
            className: 'cm-unknown-prefix',
            attributes: { title: `${prefix} is not declared: add PREFIX ${prefix} <…> (known without one: ${PREFIXES.map(([p]) => p).join(' ')})` },
          });
          marks.push(mark);
        }
      }
    });
  };
  cm.on('change', () => {
    clearError();
    checkPrefixes();
    onChange();
  });
  // Completion pops up as a prefix is typed, without Ctrl-Space.
  cm.on('inputRead', (editor, change) => {
    if (/^[A-Za-z]$/.test(change.text.join('')) && !editor.state.completionActive) {
      editor.showHint({ hint: sparqlHint, completeSingle: false });
    }
  });
  checkPrefixes();
  return {
    cm,
    getValue: () => cm.getValue(),
    setValue: (text) => {
      cm.setValue(text);
      cm.clearHistory();
    },
    /** A syntax error from the server ("… at line L, column C: …"): its line and column marked. */
    showError(message) {
      clearError();
      const at = /line (\d+), column (\d+)/.exec(message);
      if (!at) return;
      const line = Number(at[1]) - 1;
      if (line < 0 || line >= cm.lineCount()) return;
      errorLine = line;
      cm.addLineClass(line, 'background', 'cm-error-line');
      const ch = Math.max(0, Number(at[2]) - 1);
      const mark = cm.markText({ line, ch }, { line, ch: ch + 1 }, { className: 'cm-error-at' });
      marks.push(mark);
      cm.scrollIntoView({ line, ch }, 40);
    },
    clearError,
  };
}
