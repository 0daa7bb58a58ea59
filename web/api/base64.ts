/**
 * Decodes a live chunk's base64 without Node's Buffer (this runs in the page).
 * `atob` is native, and live chunks are small (one network read each).
 */
export function base64ToBytes(data: string): Uint8Array {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
