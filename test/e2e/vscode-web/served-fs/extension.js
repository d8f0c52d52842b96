// A web extension for test/e2e/vscode-web.test.ts: the workspace folder `served://HOST/PATH` is the
// folder the test's HTTP server exposes at http://HOST/fs/PATH. Reads are GET (`?stat`, `?list` or
// the bytes), writes are PUT, so what the editor saves lands on disk where the test can read it.
// Plain JavaScript, no build step: it runs as is in VS Code's web worker extension host.
const vscode = require('vscode');

const SCHEME = 'served';

function httpUrl(uri) {
  const path = uri.path.split('/').map(encodeURIComponent).join('/');
  return `http://${uri.authority}/fs${path}`;
}

async function getJson(uri, query) {
  const res = await fetch(`${httpUrl(uri)}?${query}`);
  if (res.status === 404) throw vscode.FileSystemError.FileNotFound(uri);
  if (!res.ok) throw new Error(`${res.status} ${res.statusText} for ${uri.toString()}`);
  return res.json();
}

class ServedFileSystem {
  constructor() {
    this.changes = new vscode.EventEmitter();
    this.onDidChangeFile = this.changes.event;
  }
  watch() {
    return new vscode.Disposable(() => undefined);
  }
  stat(uri) {
    return getJson(uri, 'stat');
  }
  async readDirectory(uri) {
    return (await getJson(uri, 'list')).map(e => [e.name, e.type]);
  }
  async readFile(uri) {
    const res = await fetch(httpUrl(uri));
    if (res.status === 404) throw vscode.FileSystemError.FileNotFound(uri);
    if (!res.ok) throw new Error(`${res.status} ${res.statusText} for ${uri.toString()}`);
    return new Uint8Array(await res.arrayBuffer());
  }
  async writeFile(uri, content) {
    const res = await fetch(httpUrl(uri), { method: 'PUT', body: content });
    if (!res.ok) throw vscode.FileSystemError.NoPermissions(`${res.status} ${res.statusText}`);
    this.changes.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }
  createDirectory(uri) {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  delete(uri) {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  rename(uri) {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
}

exports.activate = function activate(context) {
  context.subscriptions.push(vscode.workspace.registerFileSystemProvider(SCHEME, new ServedFileSystem(), { isCaseSensitive: true }));
};
