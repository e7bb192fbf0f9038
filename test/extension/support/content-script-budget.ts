/**
 * The content script's size budget: at most 24 KiB gzipped (`gzip -9`, Node's zlib) in the release build, the panel's
 * CSS inlined. It was 20 KiB until the investigation (docs/timeline.md); why it grew rather than being split:
 *
 * - The Timeline tab (filters, marked items, per-source notices, paging), "End all sessions", the offer after a
 *   suspension and the evidence export add 2.8 KB gzipped (20,527 → 23,291 B measured when they were added; the
 *   panel alone had already reached 20,527 B, over the old goal by 47 B).
 * - WXT builds each content script as one classic (IIFE) bundle and inlines every `import()` (wxt-dev/wxt#335,
 *   #357): a lazily loaded timeline chunk is not available. Loading one anyway would mean listing it in
 *   `web_accessible_resources` for every `*.okta.com` page (any page there could then fetch it and detect the
 *   extension) and shipping a second copy of Preact (about 6 KB gzipped with its hooks) for its own render tree: more bytes in
 *   all, and a resource exposed to the console's pages, to keep one number down.
 * - Drawing the timeline elsewhere (an extension page in an iframe) would make a web-accessible page with the
 *   extension pages' rights that any Okta page could frame.
 * - What the timeline costs is paid at parse time, about 8 KB of minified JavaScript: well under a millisecond
 *   next to the ~150 ms the panel takes to show the case (bench/extension).
 *
 * The budget is a ceiling, not an allowance: it leaves ~1.3 KB for what comes next, and the largest remaining part
 * that is not ours is WXT's shadow-root UI helpers (about 4 KB gzipped with their dependencies).
 */
export const CONTENT_SCRIPT_BUDGET_GZIP_BYTES = 24 * 1024;
