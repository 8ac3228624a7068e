/**
 * A fresh Idempotency-Key: 128 random bits as hex. Uniqueness is what matters (the
 * issuer scopes keys per user); mini-program engines have no crypto.randomUUID, so
 * crypto.getRandomValues is used where present and Math.random otherwise.
 */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16)
  const cryptoApi = (globalThis as { crypto?: { getRandomValues?(a: Uint8Array): Uint8Array } })
    .crypto
  if (cryptoApi?.getRandomValues) cryptoApi.getRandomValues(bytes)
  else for (let i = 0; i < bytes.length; i += 1) bytes[i] = Math.floor(Math.random() * 256)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
