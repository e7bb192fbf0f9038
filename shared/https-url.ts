import { z } from "zod";

/**
 * A URL the extension renders as a link or opens: `https` to a DNS name, nothing else. `z.url()` alone accepts
 * `javascript:` and `data:`, and a link is the one place where a URL from an answer becomes something a click runs.
 */
export const HttpsUrlSchema = z.url({ protocol: /^https$/, hostname: z.regexes.domain });
