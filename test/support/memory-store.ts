import type { KeyValueStore } from '../../src/platform/storage'

/** A secure store in memory, its values open to the test (what the client kept). */
export function memoryStore(): KeyValueStore & { values: Map<string, string> } {
  const values = new Map<string, string>()
  return {
    values,
    get: async (key) => values.get(key),
    set: async (key, value) => void values.set(key, value),
    remove: async (key) => void values.delete(key),
  }
}
