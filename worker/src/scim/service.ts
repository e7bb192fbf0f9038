import { clampListQuery, type ScimGroupInput, type ScimListQuery, type ScimPatchOperation, type ScimUserInput } from "../../../shared/scim";
import type { OrgRecord } from "../storage/org-config";
import type { OrgStoreStub } from "../storage/org-store-client";
import { ScimFailure, type ScimRefusal } from "./failure";
import { parseFilter } from "./filter";
import { listResponse, toScimGroup, toScimUser } from "./format";
import type { ScimRead, ScimWrite } from "./store";

/**
 * The SCIM endpoints of one organization for one request, at the edge: filters parsed, each read or write one
 * call to the organization's Durable Object (where writes are applied, audited and role mapping applied), the
 * answers shaped as RFC 7643 resources with `location`s under `base`.
 */
export class ScimService {
  constructor(
    private readonly store: OrgStoreStub,
    private readonly org: OrgRecord,
    private readonly tokenId: string,
    private readonly nowMs: number,
    /** The organization's SCIM base URL (format.ts scimBaseUrl). */
    readonly base: string,
  ) {}

  async listUsers(raw: ScimListQuery) {
    const query = clampListQuery(raw);
    const filter = parseFilter(query.filter, ["userName", "externalId", "id"] as const);
    const result = await this.read({ kind: "listUsers", filter, startIndex: query.startIndex, count: query.count });
    if (!("list" in result) || result.list.type !== "users") throw new Error("unexpected SCIM read answer");
    return listResponse(
      result.list.records.map((user) => toScimUser(user, this.base)),
      result.list.total,
      query.startIndex,
    );
  }

  async getUser(id: string) {
    const result = await this.read({ kind: "getUser", id });
    if (!("resource" in result) || result.resource.type !== "user") throw new Error("unexpected SCIM read answer");
    return toScimUser(result.resource.record, this.base);
  }

  async listGroups(raw: ScimListQuery) {
    const query = clampListQuery(raw);
    const filter = parseFilter(query.filter, ["displayName", "externalId", "id"] as const);
    const result = await this.read({ kind: "listGroups", filter, startIndex: query.startIndex, count: query.count });
    if (!("list" in result) || result.list.type !== "groups") throw new Error("unexpected SCIM read answer");
    return listResponse(
      result.list.records.map((group) => toScimGroup(group, this.base)),
      result.list.total,
      query.startIndex,
    );
  }

  async getGroup(id: string) {
    const result = await this.read({ kind: "getGroup", id });
    if (!("resource" in result) || result.resource.type !== "group") throw new Error("unexpected SCIM read answer");
    return toScimGroup(result.resource.record, this.base);
  }

  createUser = (input: ScimUserInput) => this.writeUser({ kind: "createUser", input });
  replaceUser = (id: string, input: ScimUserInput) => this.writeUser({ kind: "replaceUser", id, input });
  patchUser = (id: string, operations: ScimPatchOperation[]) => this.writeUser({ kind: "patchUser", id, operations });
  deleteUser = (id: string) => this.write({ kind: "deleteUser", id }).then(() => undefined);

  createGroup = (input: ScimGroupInput) => this.writeGroup({ kind: "createGroup", input });
  replaceGroup = (id: string, input: ScimGroupInput) => this.writeGroup({ kind: "replaceGroup", id, input });
  patchGroup = (id: string, operations: ScimPatchOperation[]) => this.writeGroup({ kind: "patchGroup", id, operations });
  deleteGroup = (id: string) => this.write({ kind: "deleteGroup", id }).then(() => undefined);

  private async writeUser(write: ScimWrite) {
    const resource = await this.write(write);
    if (resource?.type !== "user") throw new Error("unexpected SCIM write answer");
    return toScimUser(resource.record, this.base);
  }

  private async writeGroup(write: ScimWrite) {
    const resource = await this.write(write);
    if (resource?.type !== "group") throw new Error("unexpected SCIM write answer");
    return toScimGroup(resource.record, this.base);
  }

  /** The organization's role mapping and default role travel with every write: groups decide roles (roles.ts). */
  private async write(write: ScimWrite) {
    const { settings } = this.org;
    const policy = { rules: settings.roleMapping?.rules ?? null, defaultRole: settings.defaultRole };
    const result = await this.store.scimWrite({ write, tokenId: this.tokenId, nowMs: this.nowMs, policy });
    if (!result.ok) throw refusal(result);
    return result.resource;
  }

  private async read(read: ScimRead) {
    const result = await this.store.scimRead(read);
    if (!result.ok) throw refusal(result);
    return result;
  }
}

function refusal(result: ScimRefusal): ScimFailure {
  return new ScimFailure(result.status, result.scimType, result.detail);
}
