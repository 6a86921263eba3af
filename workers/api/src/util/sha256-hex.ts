/**
 * @module SHA-256 of a UTF-8 string as lowercase hex, through WebCrypto (workerd and Node alike).
 */
export async function sha256Hex(text: string): Promise<string> {
  return sha256HexOfBytes(new TextEncoder().encode(text));
}

/** SHA-256 of bytes as lowercase hex. */
export async function sha256HexOfBytes(bytes: Uint8Array<ArrayBuffer> | Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
