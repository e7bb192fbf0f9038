/**
 * One isolated Persona environment of the fake: its API keys, accounts, cases, inquiries, search index, rate-limit
 * window, fault switches, idempotency keys, request log and webhook events. Environments never share state, so
 * tests running in parallel each create their own (`POST /__fake/envs`).
 */
import { type AccountContext, type AccountRecord, type AccountTypeRecord, buildAccount, patchAccount } from "./accounts";
import { buildCase, type CaseContext, type CaseRecord, type CaseTemplateRecord, patchCase } from "./cases";
import { FaultQueue } from "./faults";
import { IdempotencyStore } from "./idempotency";
import * as ids from "./ids";
import { buildInquiry, type InquiryContext, type InquiryRecord, patchInquiry } from "./inquiries";
import type { Permission } from "./operations";
import { DEFAULT_RATE_LIMIT, FixedWindowLimiter } from "./rate-limit";
import { SearchIndex } from "./search-index";
import { SeedError } from "./seed-input";

export interface ApiKeyRecord {
  apiKey: string;
  permissions: "all" | Permission[];
}

export interface EnvOptions {
  /** The key's API version, used when a request sends no `Persona-Version`. */
  apiVersion: string;
  /** How far search lags writes (Persona: about a minute). 0 = search sees every write at once. */
  searchLagMs: number;
  /** Account `fields.*` that search accepts; null = every field ("marked searchable on the account type"). */
  searchableAccountFields: string[] | null;
  /** Case `fields.*` that search accepts; null = every field ("marked searchable on the case template"). */
  searchableCaseFields: string[] | null;
  /** How long an idempotency key is kept (Persona: at least 24 h). */
  idempotencyTtlSeconds: number;
  /**
   * The inquiry templates (`itmpl_…`, or legacy `tmpl_…`) `POST /inquiries` accepts; null = any well-formed id. A list
   * models a tenant where a mistyped template ID answers 404, as Persona does for a template it does not have.
   */
  inquiryTemplateIds: string[] | null;
  /**
   * Where one-time links point: `persona` (Persona's own https hosts, as a client that checks the link expects) or
   * `fake` (the fake's own page, `<url>/e/<envId>/verify?code=…`, for a browser to follow). Either way the fake
   * serves the code at its own page.
   */
  oneTimeLinkHost: "persona" | "fake";
}

export const DEFAULT_ENV_OPTIONS: EnvOptions = {
  apiVersion: "2025-12-08",
  searchLagMs: 0,
  searchableAccountFields: null,
  searchableCaseFields: null,
  idempotencyTtlSeconds: 86_400,
  inquiryTemplateIds: null,
  oneTimeLinkHost: "persona",
};

export interface RequestLogEntry {
  atMs: number;
  requestId: string;
  method: string;
  /** Under the base URL, e.g. `/cases/case_…/add-tag`. */
  path: string;
  /** Decoded query parameters, in order. */
  query: Array<[string, string]>;
  /** Every request header, lower-cased; `authorization` is shortened to its scheme and the key's last 6 characters. */
  headers: Record<string, string>;
  personaVersion: string | null;
  idempotencyKey: string | null;
  body: unknown;
  status: number;
  operationId?: string;
  fault?: string;
  /** For a POST with an `Idempotency-Key`: the answer was stored, replayed, or refused as a mismatch. */
  idempotency?: "stored" | "replayed" | "mismatch";
}

export interface WebhookEventRecord {
  eventId: string;
  name: string;
  /** The exact bytes delivered, so a re-send is byte-identical. */
  rawBody: string;
  firstAttemptedAt: number | null;
  attemptsMade: number;
}

export class Env {
  readonly environmentToken = ids.newEnvironmentToken();
  readonly organizationToken = ids.newOrganizationToken();
  readonly options: EnvOptions = { ...DEFAULT_ENV_OPTIONS };
  readonly apiKeys = new Map<string, ApiKeyRecord>();
  readonly accounts = new Map<string, AccountRecord>();
  readonly cases = new Map<string, CaseRecord>();
  readonly inquiries = new Map<string, InquiryRecord>();
  readonly accountTypes = new Map<string, AccountTypeRecord>();
  readonly caseTemplates = new Map<string, CaseTemplateRecord>();
  readonly defaultInquiryTemplateId = ids.newInquiryTemplateId();
  readonly limiter = new FixedWindowLimiter(DEFAULT_RATE_LIMIT);
  readonly faults = new FaultQueue();
  readonly idempotency = new IdempotencyStore();
  readonly search = { accounts: new SearchIndex<AccountRecord>(), cases: new SearchIndex<CaseRecord>() };
  readonly webhookEvents = new Map<string, WebhookEventRecord>();
  requests: RequestLogEntry[] = [];
  private seq = 0;
  /** Tags by id (`tag_…`), registered as action requests name them. */
  private readonly tags = new Map<string, string>();

  constructor(
    readonly id: string,
    /** `<origin>/e/<id>/api/v1`: every API path is appended to it. */
    readonly baseUrl: string,
    /** The path part of `baseUrl`, e.g. `/e/<id>/api/v1`, which pagination links start with. */
    readonly basePath: string,
  ) {}

  addApiKey(apiKey: string = ids.newApiKey(), permissions: ApiKeyRecord["permissions"] = "all"): ApiKeyRecord {
    const record = { apiKey, permissions };
    this.apiKeys.set(apiKey, record);
    return record;
  }

  /** The id of a tag name, registering it on first use (Persona creates a tag that `add-tag` names). */
  tagId(name: string): string {
    for (const [id, known] of this.tags) if (known === name) return id;
    const id = ids.newTagId();
    this.tags.set(id, name);
    return id;
  }

  tagName(id: string): string | undefined {
    return this.tags.get(id);
  }

  listTags(): Array<{ id: string; name: string }> {
    return [...this.tags].map(([id, name]) => ({ id, name }));
  }

  // --- seeding and direct changes (control API) -------------------------------------------------------------

  seedAccount(input: unknown, nowMs: number): AccountRecord {
    const account = buildAccount(input, this.accountContext(nowMs), ids.newAccountId);
    this.refuseTaken(this.accounts, account.id);
    this.accounts.set(account.id, account);
    this.search.accounts.put(account, nowMs);
    return account;
  }

  seedCase(input: unknown, nowMs: number): CaseRecord {
    const record = buildCase(input, this.caseContext(nowMs), ids.newCaseId);
    this.refuseTaken(this.cases, record.id);
    this.cases.set(record.id, record);
    this.search.cases.put(record, nowMs);
    return record;
  }

  seedInquiry(input: unknown, nowMs: number): InquiryRecord {
    const record = buildInquiry(input, this.inquiryContext(nowMs), ids.newInquiryId);
    this.refuseTaken(this.inquiries, record.id);
    this.inquiries.set(record.id, record);
    return record;
  }

  patchAccount(account: AccountRecord, input: unknown, nowMs: number): void {
    patchAccount(account, input, this.accountContext(nowMs));
    this.search.accounts.put(account, nowMs);
  }

  patchCase(record: CaseRecord, input: unknown, nowMs: number): void {
    patchCase(record, input, this.caseContext(nowMs));
    this.caseChanged(record, nowMs);
  }

  patchInquiry(record: InquiryRecord, input: unknown, nowMs: number): void {
    patchInquiry(record, input, this.inquiryContext(nowMs));
  }

  /** Every change of a case goes through here, so search sees it (after the lag). */
  caseChanged(record: CaseRecord, nowMs: number): void {
    this.search.cases.put(record, nowMs);
  }

  // --- reading ----------------------------------------------------------------------------------------------

  /** The account with this reference ID; the oldest if seeds made several (Persona keeps them unique). */
  accountByReferenceId(referenceId: string): AccountRecord | undefined {
    return [...this.accounts.values()].filter((account) => account.referenceId === referenceId).sort((a, b) => a.seq - b.seq)[0];
  }

  accountTypeById(id: string): AccountTypeRecord | undefined {
    for (const accountType of this.accountTypes.values()) if (accountType.id === id) return accountType;
    return undefined;
  }

  /** Whether `POST /inquiries` may name this template (option `inquiryTemplateIds`). */
  hasInquiryTemplate(id: string): boolean {
    const known = this.options.inquiryTemplateIds;
    return known === null ? /^(itmpl|tmpl)_[A-Za-z0-9]{1,64}$/.test(id) : known.includes(id);
  }

  /** Persona lists newest first: by `created-at`, then by creation order. */
  static newestFirst<T extends { createdAt: string; seq: number }>(records: Iterable<T>): T[] {
    return [...records].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.seq - a.seq);
  }

  // --- contexts the record modules need ---------------------------------------------------------------------

  private nextSeq(): number {
    return ++this.seq;
  }

  private refuseTaken(map: Map<string, unknown>, id: string): void {
    if (map.has(id)) throw new SeedError(`${id} already exists`);
  }

  private referenceIdOf = (id: string): string | null => {
    const found = this.accounts.get(id) ?? this.inquiries.get(id);
    if (found === undefined) throw new SeedError(`no ${id} in this environment`);
    return found.referenceId;
  };

  private accountContext(nowMs: number): AccountContext {
    const nowIso = new Date(nowMs).toISOString();
    return {
      nowIso,
      seq: this.nextSeq(),
      accountType: (name) => {
        let found = this.accountTypes.get(name);
        if (!found) {
          found = { id: ids.newAccountTypeId(), name, createdAt: nowIso };
          this.accountTypes.set(name, found);
        }
        return found;
      },
    };
  }

  private caseContext(nowMs: number): CaseContext {
    const nowIso = new Date(nowMs).toISOString();
    return {
      nowIso,
      seq: this.nextSeq(),
      caseNumber: this.cases.size + 1,
      caseTemplate: (name) => {
        let found = this.caseTemplates.get(name);
        if (!found) {
          found = { id: ids.newCaseTemplateId(), name, resolutions: ["Approved", "Declined"], createdAt: nowIso };
          this.caseTemplates.set(name, found);
        }
        return found;
      },
      referenceIdOf: this.referenceIdOf,
      newCommentId: ids.newCaseCommentId,
    };
  }

  private inquiryContext(nowMs: number): InquiryContext {
    return {
      nowIso: new Date(nowMs).toISOString(),
      seq: this.nextSeq(),
      defaultInquiryTemplateId: this.defaultInquiryTemplateId,
      referenceIdOf: (id) => {
        if (!this.accounts.has(id)) throw new SeedError(`no account ${id} in this environment`);
        return this.referenceIdOf(id);
      },
    };
  }
}
