/**
 * The `timeoutMs` of a client whose test does not depend on its time limit: one no answer of a
 * loopback server reaches, even on a shared machine under heavy load (a grant takes milliseconds,
 * and well under a second when every core is busy). A tighter limit there fires now and then on a
 * loaded machine and turns a correct answer into a timeout and a retry.
 *
 * A test that needs a time limit to fire serves an answer that never ends (or ends long after the
 * limit), and gives every other answer it waits for this much time.
 */
export const GENEROUS_TIMEOUT_MS = 5_000;
