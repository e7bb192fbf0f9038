/**
 * Accounts (`act_…`): the record the fake keeps, its seed, and its JSON:API form (`components/schemas/account`).
 * By Persona's Okta convention an account's `reference-id` is the Okta user id (docs/persona.md §1.2). `fields` keep
 * Persona's `{type, value}` form and their keys are never inflected (e.g. `email_address`).
 */
import { z } from "zod";
import { FieldMap, NullableText, NullableTimestamp, objectId, parseSeed, Tags, Timestamp } from "./seed-input";
import { type TypedField, typedFields } from "./typed-fields";

export interface AccountTypeRecord {
  id: string;
  name: string;
  createdAt: string;
}

export interface AccountRecord {
  id: string;
  /** Creation order, to break ties between equal `createdAt`s. */
  seq: number;
  referenceId: string | null;
  accountType: AccountTypeRecord;
  accountStatus: string;
  tags: string[];
  fields: Record<string, TypedField>;
  /** Searchable as `identifiers.<name>`; not part of the serialized account. */
  identifiers: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  redactedAt: string | null;
}

const AccountPatch = z
  .object({
    referenceId: NullableText,
    accountTypeName: z.string().min(1),
    accountStatus: z.string().min(1),
    tags: Tags,
    fields: FieldMap,
    identifiers: z.record(z.string(), z.string()),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    redactedAt: NullableTimestamp,
  })
  .partial()
  .strict();
const AccountSeed = AccountPatch.extend({ id: objectId("act").optional() }).strict();

export interface AccountContext {
  nowIso: string;
  seq: number;
  accountType(name: string): AccountTypeRecord;
}

export function buildAccount(input: unknown, context: AccountContext, newId: () => string): AccountRecord {
  const seed = parseSeed(AccountSeed, input, "account");
  const createdAt = seed.createdAt ?? context.nowIso;
  return {
    id: seed.id ?? newId(),
    seq: context.seq,
    referenceId: seed.referenceId ?? null,
    accountType: context.accountType(seed.accountTypeName ?? "User"),
    accountStatus: seed.accountStatus ?? "active",
    tags: [...new Set(seed.tags ?? [])],
    fields: typedFields(seed.fields ?? {}),
    identifiers: seed.identifiers ?? {},
    createdAt,
    updatedAt: seed.updatedAt ?? createdAt,
    redactedAt: seed.redactedAt ?? null,
  };
}

/** Sets any attribute directly (control API); `fields` are merged, `updatedAt` defaults to now. */
export function patchAccount(record: AccountRecord, input: unknown, context: AccountContext): void {
  const patch = parseSeed(AccountPatch, input, "account patch");
  if (patch.referenceId !== undefined) record.referenceId = patch.referenceId;
  if (patch.accountTypeName !== undefined) record.accountType = context.accountType(patch.accountTypeName);
  if (patch.accountStatus !== undefined) record.accountStatus = patch.accountStatus;
  if (patch.tags !== undefined) record.tags = [...new Set(patch.tags)];
  if (patch.fields !== undefined) record.fields = { ...record.fields, ...typedFields(patch.fields) };
  if (patch.identifiers !== undefined) record.identifiers = { ...record.identifiers, ...patch.identifiers };
  if (patch.createdAt !== undefined) record.createdAt = patch.createdAt;
  if (patch.redactedAt !== undefined) record.redactedAt = patch.redactedAt;
  record.updatedAt = patch.updatedAt ?? context.nowIso;
}

export function renderAccount(account: AccountRecord) {
  return {
    type: "account",
    id: account.id,
    attributes: {
      "reference-id": account.referenceId,
      "account-type-name": account.accountType.name,
      "account-status": account.accountStatus,
      "created-at": account.createdAt,
      "updated-at": account.updatedAt,
      "redacted-at": account.redactedAt,
      fields: structuredClone(account.fields),
      tags: [...account.tags],
    },
    relationships: {
      "account-type": { data: { type: "account-type", id: account.accountType.id } },
    },
  };
}

export function renderAccountType(accountType: AccountTypeRecord) {
  return {
    type: "account-type",
    id: accountType.id,
    attributes: { name: accountType.name, "created-at": accountType.createdAt, "updated-at": accountType.createdAt },
  };
}
