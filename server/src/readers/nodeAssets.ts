/**
 * Node glue for the PDF reader: the packed CMaps pdfjs needs for Chinese fonts with predefined
 * encodings. The build copies them next to the bundle (dist/cmaps); from source (tests, tsx) they
 * are read from the pdfjs-dist package. Nothing is fetched from the network.
 */
import { promises as fs } from 'fs';
import * as path from 'path';

function candidates(): string[] {
  const dirs = [path.join(__dirname, 'cmaps')];
  try {
    dirs.push(path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'cmaps'));
  } catch {
    // Bundled without the package: dist/cmaps only.
  }
  return dirs;
}

export async function loadCMapFromDisk(name: string): Promise<Uint8Array> {
  if (!/^[\w.-]+$/.test(name)) throw new Error(`bad CMap name ${name}`);
  for (const dir of candidates()) {
    try {
      return new Uint8Array(await fs.readFile(path.join(dir, `${name}.bcmap`)));
    } catch {
      // next place
    }
  }
  throw new Error(`CMap ${name} not found`);
}
