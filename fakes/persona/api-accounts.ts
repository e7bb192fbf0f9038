/**
 * Accounts API: `GET /accounts` (filter `reference-id`, one id or a list), `GET /accounts/{id}`, and
 * `POST /accounts/search` on `type, status, created_at, updated_at, identifiers.*, fields.*`.
 */
import { type AccountRecord, renderAccount } from "./accounts";
import { type ApiContext, ok, type Route, route } from "./api-context";
import { ACCOUNT_INCLUDES, accountIncluded, single } from "./documents";
import { Env } from "./env";
import { P } from "./errors";
import { pageLinks, pageRequest, paginate } from "./pagination";
import { applyFieldsets, bracketParams, includePaths, listValues, onlyKeys, sparseFieldsets } from "./query";
import { compileQuery, type SearchSchema, searchRequest, sortRecords } from "./search";
import { plainValue } from "./typed-fields";

function listAccounts(context: ApiContext) {
  const filters = bracketParams(context.query, "filter");
  onlyKeys(filters, ["reference-id"], "filter");
  const referenceIds = listValues(filters.get("reference-id"));
  const page = pageRequest(context.query);
  const fieldsets = sparseFieldsets(context.query);
  const matching = Env.newestFirst(context.env.accounts.values()).filter(
    (account) => referenceIds === undefined || (account.referenceId !== null && referenceIds.includes(account.referenceId)),
  );
  const result = paginate(matching, page);
  return ok({
    data: result.items.map((account) => applyFieldsets(renderAccount(account), fieldsets)),
    links: pageLinks(context.linkPath, [...context.query], result),
  });
}

function retrieveAccount(context: ApiContext, [id]: string[]) {
  const account = context.env.accounts.get(id!);
  if (!account) throw P.notFound();
  const paths = includePaths(context.query, ACCOUNT_INCLUDES);
  return ok(single(renderAccount(account), accountIncluded(account, paths), paths, sparseFieldsets(context.query)));
}

export function accountSearchSchema(env: Env): SearchSchema<AccountRecord> {
  return {
    attributes: ["type", "status", "created_at", "updated_at"],
    prefixes: ["fields.", "identifiers."],
    timestamps: ["created_at", "updated_at"],
    caseInsensitive: ["status"],
    checkAttribute(attribute) {
      const searchable = env.options.searchableAccountFields;
      if (attribute.startsWith("fields.") && searchable !== null && !searchable.includes(attribute.slice("fields.".length))) {
        throw P.badRequest(`${attribute} is not marked searchable on the account type`);
      }
    },
    read(account, attribute) {
      if (attribute.startsWith("fields.")) return plainValue(account.fields[attribute.slice("fields.".length)]);
      if (attribute.startsWith("identifiers.")) return account.identifiers[attribute.slice("identifiers.".length)];
      switch (attribute) {
        case "type":
          return [account.accountType.id, account.accountType.name];
        case "status":
          return account.accountStatus;
        case "created_at":
          return account.createdAt;
        case "updated_at":
          return account.updatedAt;
      }
      return undefined;
    },
  };
}

function searchAccounts(context: ApiContext) {
  const request = searchRequest(context.body);
  const schema = accountSearchSchema(context.env);
  const matches = compileQuery(request.query, schema);
  const page = pageRequest(context.query, request.page);
  const fieldsets = sparseFieldsets(context.query);
  const visible = context.env.search.accounts.visible(context.nowMs, context.env.options.searchLagMs);
  const result = paginate(sortRecords(visible.filter(matches), request.sort, schema), page);
  return ok({
    data: result.items.map((account) => applyFieldsets(renderAccount(account), fieldsets)),
    links: pageLinks(context.linkPath, [["page[size]", String(page.size)]], result),
  });
}

export const ACCOUNT_ROUTES: Route[] = [
  route("list-all-accounts", listAccounts),
  route("search-accounts", searchAccounts),
  route("retrieve-an-account", retrieveAccount),
];
