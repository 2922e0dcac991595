/** Strings kept long after the text they were cut from. */

/**
 * A copy of a piece of a text that does not keep the text alive, for what is kept longer than the text.
 *
 * NOTE: V8 keeps `text.slice()` of 13 characters or more, and a concatenation, as views of the strings they
 * were made from. A key or message kept per citation held the whole brief of the version it was cut from, so
 * a typing session kept one version of a large brief per citation it edited (issue 14: the memory it held grew
 * with every edit and forced full garbage collections of the whole heap while typing). A sliced concatenation
 * is copied into a string of its own.
 */
export function detached(piece: string): string {
  return piece.length < 13 ? piece : ` ${piece}`.slice(1);
}

/**
 * A copy of plain data (strings, numbers, arrays, plain objects) whose strings do not keep the text they were
 * cut from alive (see {@link detached}); for what a file's parse leaves in the index for good: its header,
 * its skeleton's problems and facts. Anything else is kept as it is.
 */
export function detachedData<T>(value: T): T {
  if (typeof value === 'string') {
    return detached(value) as T;
  }
  if (Array.isArray(value)) {
    return value.map((entry) => detachedData(entry)) as T;
  }
  if (value !== null && typeof value === 'object') {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      return value;
    }
    const copy: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) {
      copy[key] = detachedData(entry);
    }
    return (Object.isFrozen(value) ? Object.freeze(copy) : copy) as T;
  }
  return value;
}
