/**
 * Which parts of a scenario a check looked at. A wrong value the schema reported is taken
 * out, so that the cross-field rules can still run on the rest; a rule that read where it
 * stood (now the default) might blame the default, so its problems are dropped. Reads are
 * recorded through a proxy over the plain data, path by path.
 */
import { isWithin, type Path } from './positions.js';

/** A property read, or a listing of a map's or list's keys (which depends on every entry: one taken out is missing from it). */
export interface Read {
  path: Path;
  listing: boolean;
}

/** `value` seen through proxies that record in `reads` every property read and every listing of keys. */
export function recordingReads<T>(value: T): { view: T; reads: Read[] } {
  const reads: Read[] = [];
  // One proxy per object, so that a rule comparing elements by identity sees the same one twice.
  const proxies = new WeakMap<object, object>();
  const wrap = (target: unknown, path: Path): unknown => {
    if (target === null || typeof target !== 'object') return target;
    const known = proxies.get(target);
    if (known) return known;
    const step = (key: string): PropertyKey => (Array.isArray(target) && /^\d+$/.test(key) ? Number(key) : key);
    const proxy = new Proxy(target, {
      get(object, key, receiver) {
        const child = Reflect.get(object, key, receiver);
        if (typeof key === 'symbol' || typeof child === 'function') return child;
        const childPath = [...path, step(key)];
        reads.push({ path: childPath, listing: false });
        return wrap(child, childPath);
      },
      has(object, key) {
        if (typeof key === 'string') reads.push({ path: [...path, step(key)], listing: false });
        return Reflect.has(object, key);
      },
      ownKeys(object) {
        reads.push({ path, listing: true });
        return Reflect.ownKeys(object);
      },
    });
    proxies.set(target, proxy);
    return proxy;
  };
  return { view: wrap(value, []) as T, reads };
}

/** Whether any of `reads` looked at `path` or inside it, or (with `listings`) listed the keys of a map or list holding it. */
export function readAt(reads: readonly Read[], path: Path, listings: boolean): boolean {
  return reads.some((read) => isWithin(read.path, path) || (listings && read.listing && isWithin(path, read.path)));
}
