// One value per process, however many times the module is bundled: Next's route bundles and the
// custom server each load their own copy of a module, so a plain module-level `const` would give
// each its own cache, registry or signal. The value lives on globalThis under a Symbol.for key.

export function processSingleton<T>(key: string, init: () => T): T {
  const symbol = Symbol.for(`hinoki.${key}`);
  const g = globalThis as typeof globalThis & { [k: symbol]: T | undefined };
  if (!(symbol in g)) g[symbol] = init();
  return g[symbol] as T;
}
