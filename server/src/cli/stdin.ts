/** `nianbao check -`: a report piped in, decoded like a file; `--stdin-filename` names it in messages. */
import { decodeReport, type Encoding } from '../protocol/decode';

/** What findings are listed under when no `--stdin-filename` is given. */
export const STDIN_NAME = '<stdin>';

/** All of standard input, as bytes: the decoder needs them whole to tell UTF-8 from GB18030. */
export async function readStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

export async function readStdinReport(stream?: NodeJS.ReadableStream): Promise<{ text: string; encoding: Encoding; bytes: Uint8Array }> {
  const bytes = await readStdin(stream);
  return { ...decodeReport(bytes), bytes };
}
