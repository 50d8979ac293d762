import type { PGlite, QueryOptions, Transaction } from "@electric-sql/pglite";

// drizzle hands PGlite its type parsers (timestamps, dates and intervals as raw text) with every
// query, and PGlite then copies its whole parser table — some 320 entries — to merge them:
// ~65 µs per query, a third of the cost of a small one. All of our queries come through
// drizzle with the same parsers, so they are installed on the client once and left out of
// each query. Results are unchanged: the same parser answers for every type.

function shareParsers(client: PGlite, options: QueryOptions | undefined): QueryOptions | undefined {
  if (!options?.parsers) return options;
  Object.assign(client.parsers, options.parsers);
  return { ...options, parsers: undefined };
}

function forwarding<T extends object>(target: T, overrides: Partial<Record<keyof T, unknown>>): T {
  return new Proxy(target, {
    get(object, property) {
      if (property in overrides) return overrides[property as keyof T];
      const value = Reflect.get(object, property, object);
      // PGlite's methods use private fields: they must run on the real object, not the proxy.
      return typeof value === "function" ? value.bind(object) : value;
    },
  });
}

export function withSharedParsers(client: PGlite): PGlite {
  const wrapTransaction = (tx: Transaction): Transaction =>
    forwarding(tx, { query: (sql: string, params?: unknown[], options?: QueryOptions) => tx.query(sql, params, shareParsers(client, options)) });
  return forwarding(client, {
    query: (sql: string, params?: unknown[], options?: QueryOptions) => client.query(sql, params, shareParsers(client, options)),
    transaction: <T>(callback: (tx: Transaction) => Promise<T>) => client.transaction((tx) => callback(wrapTransaction(tx))),
  });
}
