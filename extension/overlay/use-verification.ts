import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { Role } from "../../shared/roles";
import type { Verification, VerificationStatus } from "../../shared/verification";
import type { IssuedVerification, ReplyError } from "../lib/protocol";
import type { Send } from "./overlay-port";

/**
 * How often a verification is read again while it can still move. Every read refreshes it from Persona at most
 * once per 10 s at the worker, so a pending one is polled briskly; one under review or verified, slowly (a
 * reviewer may still decide, or reverse an approval). Each answer renders the panel again, which is also how the
 * verified state counts down to `validUntil`.
 */
const POLL_MS: Partial<Record<VerificationStatus, number>> = { pending: 3_000, needs_review: 15_000, verified: 15_000 };

export interface VerificationControl {
  /** The signed-in caller's role (an admin may override); null until known. */
  role: Role | null;
  /** The user's newest verification; null when there is none (or before the first answer). */
  latest: Verification | null;
  /** The verification this panel started, with its one-time link: in memory only, gone when it stops pending. */
  issued: IssuedVerification | null;
  loaded: boolean;
  busy: boolean;
  error: ReplyError | null;
  start(): void;
  cancel(): void;
  /** Reads the newest verification again (after a gated action, which uses it). */
  refresh(): void;
}

/**
 * The user's verifications as the panel needs them, asked for only when `enabled` (the policy gates an action this
 * caller may take here). Polls while the verification can move; every answer after the panel is gone is dropped.
 */
export function useVerification(send: Send, userId: string, enabled: boolean): VerificationControl {
  const [role, setRole] = useState<Role | null>(null);
  const [latest, setLatest] = useState<Verification | null>(null);
  const [issued, setIssued] = useState<IssuedVerification | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReplyError | null>(null);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  const show = useCallback((verification: Verification) => {
    setLatest(verification);
    // The link is needed only until the person starts: forget it as soon as the verification leaves pending.
    setIssued((current) => (current?.id === verification.id && verification.status !== "pending" ? null : current));
  }, []);

  const read = useCallback(
    async (verificationId: string) => {
      const reply = await send("overlay.verification.get", { userId, verificationId });
      if (!alive.current) return;
      if (reply.ok) show(reply.data);
      setError(reply.ok ? null : reply.error);
    },
    [send, userId, show],
  );

  useEffect(() => {
    if (!enabled) return;
    void send("session.get", {}).then((reply) => {
      if (alive.current && reply.ok) setRole(reply.data?.role ?? null);
    });
    void send("overlay.verification.list", { userId }).then((reply) => {
      if (!alive.current) return;
      if (reply.ok) setLatest(reply.data.verifications[0] ?? null);
      else setError(reply.error);
      setLoaded(true);
    });
  }, [enabled, send, userId]);

  // The one to follow: the verification this panel just started, until the first read of it arrives.
  const followedId = issued && issued.id !== latest?.id ? issued.id : latest?.id;
  const followedStatus = issued && issued.id !== latest?.id ? "pending" : latest?.status;
  const [answers, setAnswers] = useState(0);
  useEffect(() => {
    const delay = enabled && followedStatus ? POLL_MS[followedStatus] : undefined;
    if (delay === undefined || followedId === undefined) return;
    const timer = setTimeout(async () => {
      await read(followedId);
      if (alive.current) setAnswers((count) => count + 1);
    }, delay);
    return () => clearTimeout(timer);
    // `answers` re-arms the timer after every answer, one with the same status included.
  }, [enabled, followedId, followedStatus, read, answers]);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    await work();
    if (alive.current) setBusy(false);
  };

  return {
    role,
    latest,
    issued,
    loaded,
    busy,
    error,
    start: () =>
      void act(async () => {
        const reply = await send("overlay.verification.start", { userId });
        if (!alive.current) return;
        if (!reply.ok) return setError(reply.error);
        setIssued(reply.data);
        await read(reply.data.id);
      }),
    cancel: () => {
      const id = followedId;
      if (id === undefined) return;
      void act(async () => {
        const reply = await send("overlay.verification.cancel", { userId, verificationId: id });
        if (!alive.current) return;
        if (!reply.ok) return setError(reply.error);
        setIssued(null);
        await read(id);
      });
    },
    refresh: () => {
      if (latest) void read(latest.id);
    },
  };
}
