// One value per process, however many times the module is bundled: Next's route bundles and the
// custom server each load their own copy of a module, so a plain module-level `const` would give
// each its own cache, registry or signal. The value lives on globalThis under a Symbol.for key.

type Holder = typeof globalThis & { [k: symbol]: unknown };

// The gateway asks for its caches several times per request: the key's symbol is looked up in
// the global registry once per module copy, not rebuilt from a template string on every call.
const symbols = new Map<string, symbol>();

export function processSingleton<T>(key: string, init: () => T): T {
  let symbol = symbols.get(key);
  if (symbol === undefined) {
    symbol = Symbol.for(`hinoki.${key}`);
    symbols.set(key, symbol);
  }
  const g = globalThis as Holder;
  if (!(symbol in g)) g[symbol] = init();
  return g[symbol] as T;
}
