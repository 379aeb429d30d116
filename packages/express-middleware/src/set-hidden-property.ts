/**
 * Sets `target[name] = value` as an own property that is NOT enumerable: read and assigned like any
 * other (`writable`, `configurable`), but skipped by `Object.keys`, `for…in`, `{ ...target }`,
 * `JSON.stringify` and `util.inspect` (unless `showHidden`), so a request logger that dumps `req`
 * does not print it. Assigning it later keeps it hidden.
 */
export function setHiddenProperty<T extends object, K extends keyof T>(
  target: T,
  name: K,
  value: T[K],
): void {
  Object.defineProperty(target, name, { value, enumerable: false, writable: true, configurable: true });
}
