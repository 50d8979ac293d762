// Yen amounts follow billing.read (the permission table): a role without it sees workloads, not
// spend. Records that mix the two (audit entries, stored notification parameters) name their
// amounts by the codebase's convention — keys ending in "Jpy" — so one function can take them
// out for such a reader, however deep they sit.

export function isYenKey(key: string): boolean {
  return key.endsWith("Jpy");
}

export function withoutYenAmounts<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => withoutYenAmounts(item)) as T;
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !isYenKey(key)).map(([key, item]) => [key, withoutYenAmounts(item)])) as T;
}
