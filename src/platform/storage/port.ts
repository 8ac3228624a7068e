// The storage port's shape, apart from its platform variants (storage*.ts) and the
// stores behind them, which all import it from here.

/** A small async key-value store. */
export interface KeyValueStore {
  get(key: string): Promise<string | undefined>
  set(key: string, value: string): Promise<void>
  remove(key: string): Promise<void>
}

/**
 * A store in memory, gone at the next launch: where a platform offers no storage good
 * enough for tokens and seeds. `values` is its map (a test reads what was kept).
 */
export function memoryStore(
  values = new Map<string, string>(),
): KeyValueStore & { values: Map<string, string> } {
  return {
    values,
    get: async (key) => values.get(key),
    set: async (key, value) => void values.set(key, value),
    remove: async (key) => void values.delete(key),
  }
}
