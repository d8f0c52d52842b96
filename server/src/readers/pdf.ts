import { problem, type ReadResult } from './types';
export async function readPdf(_bytes: Uint8Array): Promise<ReadResult> {
  return { kind: 'pdf', text: '', map: { locate: () => null }, problems: [problem('unsupported', '未实现', 'todo')] };
}
