import { z } from "zod";
import { OrgIdSchema } from "../../../shared/orgs";
import { resourceTypes, schemas, serviceProviderConfig } from "../scim/discovery";
import { declareScim, SCIM_HEADERS, scim, scimGroup, scimOf } from "./scim-scope";

const org = z.object({ org: OrgIdSchema });
/** The discovery answers are fixed documents (scim/discovery.ts), described here by their outer shape only. */
const Document = z.looseObject({ schemas: z.array(z.string()) });

/** SCIM discovery (RFC 7644 §4): what this server supports, behind the same SCIM token as the resources. */
export const scimDiscoveryRoutes = scimGroup()
  .openapi(
    declareScim({
      method: "get",
      path: "/{org}/scim/v2/ServiceProviderConfig",
      request: { params: org },
      responses: { 200: scim(Document, "PATCH and filter supported; no bulk, sort, ETags or password change.") },
    }),
    (c) => c.json(serviceProviderConfig(scimOf(c).base), 200, SCIM_HEADERS),
  )
  .openapi(
    declareScim({
      method: "get",
      path: "/{org}/scim/v2/ResourceTypes",
      request: { params: org },
      responses: { 200: scim(Document, "User and Group, as a ListResponse.") },
    }),
    (c) => c.json(resourceTypes(scimOf(c).base), 200, SCIM_HEADERS),
  )
  .openapi(
    declareScim({
      method: "get",
      path: "/{org}/scim/v2/Schemas",
      request: { params: org },
      responses: { 200: scim(Document, "The User and Group attributes this server keeps, as a ListResponse.") },
    }),
    (c) => c.json(schemas(scimOf(c).base), 200, SCIM_HEADERS),
  );
