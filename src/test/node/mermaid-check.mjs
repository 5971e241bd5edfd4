// Test-only: parses Mermaid diagrams with Mermaid's own parser, the one code hosts render with.
// Usage: node mermaid-check.mjs <diagrams.json> <results.json>
//   diagrams.json: [{"id": "...", "text": "flowchart LR\n..."}]
//   results.json:  [{"id": "...", "type": "flowchart-v2"} or {"id": "...", "error": "..."}]
// Mermaid sanitizes labels with DOMPurify, which needs a DOM: jsdom provides one.
import { JSDOM } from 'jsdom';
import { readFileSync, writeFileSync } from 'node:fs';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

const diagrams = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const results = [];
for (const { id, text } of diagrams) {
  try {
    const parsed = await mermaid.parse(text);
    results.push({ id, type: parsed.diagramType });
  } catch (e) {
    results.push({ id, error: String(e.message ?? e) });
  }
}
writeFileSync(process.argv[3], JSON.stringify(results, null, 2));
