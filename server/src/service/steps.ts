/**
 * Computations that stop between slices of their work, so that a host can answer other requests while a large
 * brief is checked: generators that yield nothing between slices and return their result at the end. The core
 * never decides when to stop (it has no clock); the host does, between two slices (see `server.ts`).
 */

/** A computation that stops between slices of its work (it yields) and returns its result at the end. */
export type Steps<T> = Generator<void, T, void>;

/**
 * How many citations, quotations or problems a computation handles between two chances to stop: a slice of a
 * large brief's check costs a few milliseconds.
 */
export const STEP = 256;

/** Runs a computation of slices to its end, at once. */
export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) {
      return step.value;
    }
  }
}
