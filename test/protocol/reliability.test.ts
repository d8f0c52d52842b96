/**
 * The language server (dist/server.js over stdio) when clients and files misbehave: reused versions,
 * cancelled and superseded pulls, the LSP lifecycle, wrong settings, huge documents, config files
 * that are devices or FIFOs. Each case is one the reliability issue reproduced.
 */
import * as assert from 'assert';
import { spawn } from 'child_process';
import { mkdtempSync, readFileSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  CancellationTokenSource, createProtocolConnection, StreamMessageReader, StreamMessageWriter,
  type Diagnostic, type FullDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { StatusNotification, type Status } from '../../server/src/protocol';
import { oneFinding002 } from '../helpers/corpus';
import { SERVER, startServer, type TestClient } from '../helpers/lsp';

/** 002 with one finding, the 四 group (its line-20 shares made right). */
const text002 = oneFinding002();
const TOTAL = '\t14\n\t4\n\t0\n\t0\n\t9\n';
const reviewMessage = (ds: Diagnostic[]) => ds.find(d => d.code === 'review-total')?.message as string | undefined;

function change(c: TestClient, uri: string, version: number, text: string) {
  void c.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
}

async function pull(c: TestClient, uri: string, token?: CancellationTokenSource): Promise<FullDocumentDiagnosticReport> {
  const params = { textDocument: { uri } };
  return (await (token ? c.connection.sendRequest('textDocument/diagnostic', params, token.token) : c.connection.sendRequest('textDocument/diagnostic', params))) as FullDocumentDiagnosticReport;
}

/** The server's peak resident memory (Linux), in MB. */
function peakMemoryMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

describe('language server: versions, cancellation, lifecycle', function () {
  this.timeout(60000);

  it('checks the new text when a client reuses a version number (pull), and publishes it (push)', async () => {
    // Same length, same version, different text: a cache keyed on version + length returned the old findings.
    const eight = text002.replace(TOTAL, TOTAL.replace('\t9\n', '\t8\n'));
    assert.strictEqual(eight.length, text002.length);
    const pulling = await startServer({ pull: true });
    try {
      const uri = 'file:///reports/reused.txt';
      pulling.open(uri, text002, 1);
      assert.match(reviewMessage((await pull(pulling, uri)).items)!, /总计为 9；/);
      change(pulling, uri, 1, eight);
      assert.match(reviewMessage((await pull(pulling, uri)).items)!, /总计为 8；/);
    } finally {
      await pulling.close();
    }
    const pushing = await startServer();
    try {
      const uri = 'file:///reports/lower.txt';
      // A client that restarts its count: 5, then 2. The server once never published again.
      pushing.open(uri, text002, 5);
      await pushing.waitForDiagnostics(uri, p => p.version === 5);
      change(pushing, uri, 2, eight);
      const p = await pushing.waitForDiagnostics(uri, x => x.version === 2);
      assert.match(reviewMessage(p.diagnostics)!, /总计为 8；/);
    } finally {
      await pushing.close();
    }
  });

  it('does not compute pulls cancelled while the server is busy, and answers a pull superseded by an edit with ServerCancelled', async () => {
    const c = await startServer({ pull: true, settings: { maxFileSize: 50 } });
    try {
      const uri = 'file:///reports/big.txt';
      // About 1 MB: each check takes a second or more, so the messages below queue up behind it.
      const big = (v: number) => `${text002.replace(TOTAL, TOTAL.replace('\t9\n', `\t${v}\n`))}\n${'本年度政务公开工作稳步推进。\n'.repeat(25000)}`;
      c.open(uri, big(9), 1);
      const cancelledPulls: Promise<unknown>[] = [];
      for (let v = 2; v <= 11; v++) {
        change(c, uri, v, big(v + 20));
        const source = new CancellationTokenSource();
        cancelledPulls.push(pull(c, uri, source).then(() => 'answered', (e: { code: number }) => e.code));
        source.cancel();
      }
      // A pull, then an edit before it is computed: it is for a version that is gone.
      change(c, uri, 12, big(32));
      const superseded = pull(c, uri).then(() => 'answered', (e: { code: number; data?: unknown }) => [e.code, e.data]);
      change(c, uri, 13, big(9));
      const last = await pull(c, uri);
      assert.deepStrictEqual(await Promise.all(cancelledPulls), Array(10).fill(-32800), 'RequestCancelled, each');
      assert.deepStrictEqual(await superseded, [-32802, { retriggerRequest: true }], 'ServerCancelled, to be asked again');
      assert.match(reviewMessage(last.items)!, /总计为 9；/, 'the last pull has the last text');
      await c.waitForNotification<Status>(StatusNotification.method, s => s.version === 13, 30000);
      const checked = c.notifications.filter(n => n.method === StatusNotification.method).map(n => (n.params as Status).version);
      // Checked: the opened text and the last one; never a cancelled or superseded version.
      assert.ok(checked.every(v => v === 1 || v === 13), `checked versions: ${checked.join(', ')}`);
    } finally {
      await c.close();
    }
  });

  it('answers requests before initialize with ServerNotInitialized and after shutdown with InvalidRequest', async () => {
    const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    connection.listen();
    const codeOf = (p: Promise<unknown>) => p.then(() => 'answered', (e: { code: number }) => e.code);
    const hover = { textDocument: { uri: 'file:///r.txt' }, position: { line: 0, character: 0 } };
    try {
      assert.strictEqual(await codeOf(connection.sendRequest('textDocument/hover', hover)), -32002);
      // A notification before initialize is dropped: the document is not open afterwards.
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///r.txt', languageId: 'nianbao', version: 1, text: text002 } });
      const init = (await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} })) as { capabilities: object };
      assert.ok(init.capabilities);
      await connection.sendNotification('initialized', {});
      assert.strictEqual(await codeOf(connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} })), -32600, 'initialize only once');
      assert.strictEqual(await connection.sendRequest('textDocument/hover', hover), null, 'the early didOpen was dropped');
      assert.strictEqual(await connection.sendRequest('shutdown'), null);
      assert.strictEqual(await codeOf(connection.sendRequest('textDocument/hover', hover)), -32600);
      const exited = new Promise<number | null>(resolve => proc.on('exit', code => resolve(code)));
      await connection.sendNotification('exit');
      assert.strictEqual(await exited, 0);
    } finally {
      connection.dispose();
      proc.kill();
    }
  });
});

describe('language server: malformed requests (found by the soak test)', function () {
  this.timeout(30000);

  it('answers a request without textDocument with InvalidParams, and logs no failure', async () => {
    const c = await startServer({ pull: true });
    try {
      for (const [method, params] of [['textDocument/hover', { textDocument: null, position: { line: 0, character: 0 } }], ['textDocument/diagnostic', {}], ['textDocument/codeAction', null]] as const) {
        const code = await c.connection.sendRequest(method, params).then(() => 'answered', (e: { code: number }) => e.code);
        assert.strictEqual(code, -32602, method);
      }
      await c.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///r.txt' }, position: { line: 0, character: 0 } });
      const logged = c.notifications.filter(n => n.method === 'window/logMessage' && (n.params as { type: number }).type === 1);
      assert.deepStrictEqual(logged, []);
    } finally {
      await c.close();
    }
  });
});

describe('language server: settings and files it cannot trust', function () {
  this.timeout(60000);

  it('ignores wrong settings with one clear message: no diagnostics without severity, no findings for a format that does not exist', async () => {
    const c = await startServer({ settings: { rules: { 'review-total': 'bogus', 'fee-statement': 'off' }, template: '1999', run: 'onType', maxFileSize: 1 } });
    try {
      const uri = 'file:///reports/settings.txt';
      c.open(uri, text002);
      const p = await c.waitForDiagnostics(uri);
      assert.deepStrictEqual(p.diagnostics.map(d => [d.code, d.severity]), [['review-total', 1]], 'the default severity, the valid setting kept, the 2019 format detected');
      const shown = c.notifications.filter(n => n.method === 'window/showMessage').map(n => (n.params as { message: string }).message);
      assert.deepStrictEqual(shown, [
        '年报设置有误，已忽略 Nianbao settings ignored: review-total 的级别应为 off/info/warning/error / review-total: severity must be off, info, warning or error；template 应为 "auto"、"2019"、"2021" / template must be "auto", "2019", "2021"',
      ]);
      c.open('file:///reports/other.txt', text002);
      await c.waitForDiagnostics('file:///reports/other.txt');
      assert.strictEqual(c.notifications.filter(n => n.method === 'window/showMessage').length, 1, 'said once, not per document');
    } finally {
      await c.close();
    }
  });

  it('gives one clear message for a .nianbaorc.json that is a link to /dev/zero or a FIFO, and checks twelve reports with the defaults', async () => {
    for (const make of ['zero', 'fifo'] as const) {
      const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-server-config-'));
      const config = path.join(dir, '.nianbaorc.json');
      if (make === 'zero') symlinkSync('/dev/zero', config);
      else spawn('mkfifo', [config]).on('exit', () => undefined);
      await new Promise(r => setTimeout(r, 200));
      const c = await startServer();
      try {
        const uris = Array.from({ length: 12 }, (_, i) => pathToFileURL(path.join(dir, `r${i}.txt`)).href);
        for (const uri of uris) c.open(uri, text002);
        for (const uri of uris) {
          const p = await c.waitForDiagnostics(uri, undefined, 20000);
          assert.strictEqual(p.diagnostics[0]?.code, 'review-total', `${make}: ${uri} checked with the defaults`);
        }
        // Still answering requests that read files.
        const hover = await c.connection.sendRequest('textDocument/hover', { textDocument: { uri: uris[0] }, position: { line: 406, character: 1 } });
        assert.ok(hover, make);
        const shown = c.notifications.filter(n => n.method === 'window/showMessage').map(n => (n.params as { message: string }).message);
        const kind = make === 'zero' ? '设备 / not a regular file but a device' : '管道（FIFO） / not a regular file but a FIFO';
        assert.deepStrictEqual(shown, [`配置文件有误 Config file problems: ${config}: 不是普通文件，是${kind}`], make);
      } finally {
        await c.close();
      }
    }
  });

  it('says once that it will not check a document over nianbao.maxFileSize as you type, and stays responsive; memory bounded', async () => {
    const c = await startServer({ settings: {} });
    try {
      const small = 'file:///reports/small.txt';
      const big = 'file:///reports/big.txt';
      const line = 'file:///reports/line.txt';
      // 5 MB of report text, and 5 MB on a single line.
      let text = '';
      while (Buffer.byteLength(text) < 5 * 1024 * 1024) text += text002;
      const oneLine = text.replace(/\n/g, ' ');
      c.open(big, text);
      c.open(line, oneLine);
      c.open(small, text002);
      await c.waitForDiagnostics(small);
      const forBig = await c.waitForDiagnostics(big);
      assert.deepStrictEqual(forBig.diagnostics, [], 'nothing checked, and old findings cleared');
      await c.waitForDiagnostics(line);
      change(c, big, 2, text + '补充。\n');
      await c.waitForDiagnostics(big, p => p.version === 2);
      const hover = await c.connection.sendRequest('textDocument/hover', { textDocument: { uri: big }, position: { line: 406, character: 1 } });
      assert.strictEqual(hover, null);
      const shown = c.notifications.filter(n => n.method === 'window/showMessage').map(n => (n.params as { message: string }).message);
      assert.strictEqual(shown.length, 2, shown.join('\n'));
      assert.match(shown[0], /^“big\.txt”有 5\.\d MB，超过 nianbao\.maxFileSize（1 MB），不做实时检查。可在设置中调大此值，或用命令行 nianbao check 检查。$/);
      assert.match(shown[1], /^“line\.txt”有 5\.\d MB/);
      const peak = peakMemoryMb(c.process.pid!);
      // The text itself (UTF-16, twice: the document and its last saved copy) and the protocol's buffers.
      assert.ok(peak < 400, `peak ${peak} MB`);
    } finally {
      await c.close();
    }
  });
});
