// JSON bodies that never contain raw markup: <, >, & and the JS line separators are written as \u escapes.

const UNSAFE = /[<>&\u2028\u2029]/g;

/**
 * JSON.stringify, then `<` `>` `&` U+2028 U+2029 as `\uXXXX` (the same value once parsed). A question with
 * `<script>` in it is echoed as data, and no byte sequence in the body can be read as a tag if a client or a proxy ever
 * treats it as HTML.
 */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
