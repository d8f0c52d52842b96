/**
 * The bench's baseline language server: the same library, transport and document sync as
 * dist/server.js, and no analysis at all. Every request gets an empty answer; with push diagnostics
 * each change publishes an empty list at once. What the real server costs beyond this is ours.
 *
 * Bundled by scripts/bench.ts to bench/noop-server.js and run as `node bench/noop-server.js --stdio`.
 */
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let pull = false;

connection.onInitialize(params => {
  pull = !!params.capabilities.textDocument?.diagnostic;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      completionProvider: { triggerCharacters: ['、', '（', '('] },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      hoverProvider: true,
      ...(pull ? { diagnosticProvider: { identifier: 'noop', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
    },
  };
});

const publish = (doc: TextDocument) => {
  if (!pull) void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: [] });
};
documents.onDidOpen(e => publish(e.document));
documents.onDidChangeContent(e => publish(e.document));
connection.languages.diagnostics.on(() => ({ kind: 'full' as const, items: [] }));
connection.onCompletion(() => ({ isIncomplete: false, items: [] }));
connection.onHover(() => null);
connection.onDocumentSymbol(() => []);
connection.onFoldingRanges(() => []);

documents.listen(connection);
connection.listen();
