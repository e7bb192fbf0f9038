/**
 * `POST /inquiries/{inquiry-id}/generate-one-time-link` (generate-a-one-time-link): opens a new session on the
 * inquiry and answers 200 with the inquiry and `meta: {one-time-link, one-time-link-short}`. The body is optional;
 * `meta.expires-in-seconds` (> 0) sets the link's lifetime, 24 hours otherwise (the spec's default). Earlier links
 * keep working until they expire. An expired inquiry still gets a link ("The Inquiry can still be resumed after
 * expiry"); a redacted one answers 409, as the spec's conflict examples ("Inquiry already redacted") show.
 */
import { type ApiContext, ok, type Route, route } from "./api-context";
import { INQUIRY_INCLUDES, inquiryIncluded, single } from "./documents";
import { P, PersonaError } from "./errors";
import { renderInquiry } from "./inquiries";
import { GenerateLinkBody } from "./inquiry-request-bodies";
import { openSession } from "./one-time-links";
import { includePaths, sparseFieldsets } from "./query";
import { parseBody } from "./request-body";

function generateOneTimeLink(context: ApiContext, [id]: string[]) {
  const record = context.env.inquiries.get(id!);
  if (!record) throw P.notFound();
  const { meta = {} } = parseBody(GenerateLinkBody, context.body ?? {});
  const seconds = meta["expires-in-seconds"];
  if (seconds !== undefined && seconds <= 0) throw P.unprocessable("meta.expires-in-seconds must be greater than 0", "/meta/expires-in-seconds");
  if (record.redactedAt !== null) throw new PersonaError(409, { title: "Conflict", details: "Inquiry already redacted" });
  const paths = includePaths(context.query, INQUIRY_INCLUDES);
  const fieldsets = sparseFieldsets(context.query);
  const { link } = openSession(context.env, record, context.nowMs, { withLink: true, expiresInSeconds: seconds });
  return ok({
    ...single(renderInquiry(record), inquiryIncluded(context.env, record, paths), paths, fieldsets),
    meta: { "one-time-link": link!.url, "one-time-link-short": link!.shortUrl },
  });
}

export const INQUIRY_LINK_ROUTES: Route[] = [route("generate-a-one-time-link", generateOneTimeLink)];
