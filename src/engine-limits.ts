/**
 * V8's maximum string length (`2^29 - 24` characters; Node's `buffer.constants.MAX_STRING_LENGTH`). Other engines
 * allow more (SpiderMonkey `2^30 - 2`); the smallest common one is what a portable program can count on. Texts
 * longer than this go through the streaming functions; chunked transport refuses to declare more.
 * @example
 * ```ts
 * ENGINE_MAX_STRING_LENGTH === 536_870_888;
 * ```
 */
export const ENGINE_MAX_STRING_LENGTH = 536_870_888;
