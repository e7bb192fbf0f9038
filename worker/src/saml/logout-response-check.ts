import { AppError } from "../../../shared/errors";
import { quoteUntrusted } from "../../../shared/untrusted-text";
import { singleChild } from "../xml/children";
import { NS, STATUS_SUCCESS } from "./namespaces";
import type { VerifiedSloMessage } from "./slo-message";

const structure = (message: string) => () => new AppError("saml_structure_invalid", message);

/**
 * The IdP's answer to our LogoutRequest, on the verified root: it must say which request it answers
 * (`InResponseTo`, then used up once in the Durable Object) and whether the IdP session ended (`Status`).
 */
export function checkLogoutResponse(message: VerifiedSloMessage): { inResponseTo: string; success: boolean; status: string | null } {
  const inResponseTo = message.root.getAttribute("InResponseTo") ?? "";
  if (inResponseTo === "") throw new AppError("saml_in_response_to_unknown", "the LogoutResponse answers no request");
  const status = singleChild(message.root, NS.protocol, "Status", structure("more than one Status"));
  const code = status && singleChild(status, NS.protocol, "StatusCode", structure("more than one StatusCode"));
  const value = code?.getAttribute("Value") ?? null;
  return { inResponseTo, success: value === STATUS_SUCCESS, status: value === null ? null : quoteUntrusted(value) };
}
