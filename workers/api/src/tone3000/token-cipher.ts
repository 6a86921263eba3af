/**
 * @module AES-256-GCM for the TONE3000 tokens and PKCE verifiers we keep in D1. Each ciphertext is bound to its row
 * and purpose through the additional data, so a value copied into another user's row does not decrypt.
 * Format: `v1.<iv base64url>.<ciphertext+tag base64url>`.
 */
/** Per isolate: importing the key once saves a WebCrypto call per token. */
const keys = new Map<string, ReturnType<typeof crypto.subtle.importKey>>();

function importKey(keyBase64: string): ReturnType<typeof crypto.subtle.importKey> {
  let key = keys.get(keyBase64);
  if (!key) {
    const raw = base64ToBytes(keyBase64);
    if (raw.byteLength !== 32) {
      throw new Error(`TONE3000_TOKEN_KEY must be 32 bytes in base64 (got ${raw.byteLength} bytes)`);
    }
    key = crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
    keys.set(keyBase64, key);
  }
  return key;
}

export async function encryptToken(keyBase64: string, plaintext: string, boundTo: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: new TextEncoder().encode(boundTo) },
    await importKey(keyBase64),
    new TextEncoder().encode(plaintext),
  );
  return `v1.${bytesToBase64Url(iv)}.${bytesToBase64Url(new Uint8Array(ciphertext))}`;
}

/** The plaintext, or null when the value was not made with this key for this row (e.g. after a key rotation). */
export async function decryptToken(keyBase64: string, sealed: string, boundTo: string): Promise<string | null> {
  const [version, iv, ciphertext] = sealed.split(".");
  if (version !== "v1" || !iv || !ciphertext) return null;
  try {
    const plaintext = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: base64ToBytes(iv), additionalData: new TextEncoder().encode(boundTo) },
      await importKey(keyBase64),
      base64ToBytes(ciphertext),
    );
    return new TextDecoder().decode(plaintext);
  } catch {
    return null;
  }
}

export function bytesToBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function base64ToBytes(value: string): Uint8Array<ArrayBuffer> {
  const binary = atob(value.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
