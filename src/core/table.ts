// Lookup tables keyed by words an agent controls (command names, option names) must not inherit
// Object.prototype: `constructor`, `__proto__` or `toString` as a command name would otherwise find a
// function where a table entry was expected.
export function table<V>(entries: Record<string, V>): Readonly<Record<string, V | undefined>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, V>, entries));
}
