/** Limits from the rules. One place, so the engine, the store and the elements agree. */

/** Every text field holds at most this many characters (R7, R23). */
export const FIELD_MAX = 2000;

/**
 * UTF-16 code units one character (grapheme cluster, N5) may take at most,
 * for the limits: a family emoji takes 11, a subdivision flag 14. Text past
 * its limit times this is too long however few characters it shows, so a
 * limit in characters is also a bound in bytes.
 */
export const UNITS_PER_CHAR_MAX = 16;

/** A tag holds at most this many characters (R9). */
export const TAG_MAX = 50;

/** X3: a Not Ready reason's length in characters; longer is cut with an ellipsis. */
export const STATUS_REASON_MAX = 60;

/** An offered task not accepted within this time sets the agent Not Ready (R13). */
export const OFFER_TIMEOUT_MS = 15 * 60 * 1000;

/**
 * X2: a declined task is not offered to the same agent again for this long,
 * so it goes to the next agent at once; if nobody else can take it, it comes
 * back after this, rather than waiting for ever.
 */
export const DECLINE_COOLDOWN_MS = 2 * 60 * 1000;

/** A request closes this long after it or any of its activities last changed (R18). */
export const AUTO_CLOSE_MS = 5 * 24 * 60 * 60 * 1000;

/** An agent handles at most this many calls at a time (R5). */
export const MAX_CONCURRENT_CALLS = 1;

/** An activity's summary (a chat's first line, what a call is about) holds at most this many characters. */
export const SUMMARY_MAX = 120;

/** A customer search (R29's move to another customer) returns at most this many customers. */
export const SEARCH_RESULTS_MAX = 20;

/** X6: the longest after-contact work a queue may allow, in seconds (a day: longer is no limit at all). */
export const WRAP_UP_LIMIT_MAX_S = 24 * 60 * 60;
