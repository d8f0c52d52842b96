// The longest functions and files of the sources, for refactoring notes:
//   npx tsx scripts/longest.ts [count]
// Lines of a function: from its first line to its last, nested functions included.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const ROOTS = ['server/src', 'client/src'];
const count = Number(process.argv[2] ?? 15);

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

const fileRows: [number, string][] = [];
const fnRows: [number, string][] = [];
for (const file of ROOTS.flatMap(files)) {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  fileRows.push([source.getLineAndCharacterOfPosition(text.length).line + 1, file]);
  const visit = (node: ts.Node, owner: string): void => {
    let name = owner;
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const n = (node as ts.FunctionLikeDeclarationBase).name;
      const own = n ? n.getText(source)
        : ts.isVariableDeclaration(node.parent) ? node.parent.name.getText(source)
        : ts.isPropertyAssignment(node.parent) ? node.parent.name.getText(source) : '(anonymous)';
      name = owner ? `${owner}.${own}` : own;
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      fnRows.push([end - start + 1, `${file} ${name}`]);
    } else if (ts.isClassDeclaration(node) && node.name) {
      name = node.name.text;
    }
    ts.forEachChild(node, (c) => visit(c, name));
  };
  visit(source, '');
}
const top = (rows: [number, string][]) =>
  rows.sort((a, b) => b[0] - a[0] || a[1].localeCompare(b[1])).slice(0, count)
    .map(([n, s]) => `${String(n).padStart(5)}  ${s}`).join('\n');
console.log(`longest files (lines)\n${top(fileRows)}\n\nlongest functions (lines)\n${top(fnRows)}`);
