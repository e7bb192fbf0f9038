import { bodyLimit } from "hono/body-limit";
import { SCIM_MAX_BODY_BYTES } from "../../../shared/scim";
import { notFound, ScimFailure } from "../scim/failure";
import { scimDiscoveryRoutes } from "./scim-discovery";
import { scimGroupRoutes } from "./scim-groups";
import { scimGroup, scimOnError, scimScope } from "./scim-scope";
import { scimUserRoutes } from "./scim-users";

/**
 * The SCIM 2.0 server of each organization at `/{org}/scim/v2` (docs/scim.md). The token is checked before
 * anything else is read; the body is capped; every failure, an unknown SCIM path too, answers SCIM's error body.
 */
export const scimRoutes = scimGroup();
scimRoutes.onError(scimOnError);
scimRoutes.use("/:org/scim/v2/*", scimScope);
scimRoutes.use(
  "/:org/scim/v2/*",
  bodyLimit({
    maxSize: SCIM_MAX_BODY_BYTES,
    onError: () => {
      throw new ScimFailure(413, undefined, "the request body is too large");
    },
  }),
);
scimRoutes.route("/", scimUserRoutes);
scimRoutes.route("/", scimGroupRoutes);
scimRoutes.route("/", scimDiscoveryRoutes);
scimRoutes.all("/:org/scim/v2/*", () => {
  throw notFound("no such SCIM endpoint");
});
