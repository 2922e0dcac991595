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
