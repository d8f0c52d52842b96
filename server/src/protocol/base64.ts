/**
 * Bytes as base64 and back, for file contents sent over JSON-RPC (`ReadDocumentRequest`). Only
 * `btoa`/`atob`, which Node, the extension host and a web worker all have.
 */

/** Chunks keep `String.fromCharCode` under the engine's argument limit. */
const CHUNK = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) {
    parts.push(String.fromCharCode(...bytes.subarray(i, i + CHUNK)));
  }
  return btoa(parts.join(''));
}

/** Throws on text that is not base64 (the caller answers a bad request). */
export function base64ToBytes(data: string): Uint8Array {
  const binary = atob(data);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
