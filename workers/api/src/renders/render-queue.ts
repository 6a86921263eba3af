/**
 * @module Claims are woken, not polled: `render.claim` waits on the owner's `RenderQueue` Durable Object (realtime
 * Worker) between its D1 queries, and whatever makes a render claimable (submit, release, a retryable failure, a
 * requeued expired lease) or takes one away (cancel) notifies it. D1 stays the queue and the only truth: a wake-up
 * only means "look again", and a lost one costs at most the safety poll. Lease expiries are announced by nobody, so
 * waits end after `SAFETY_POLL_MS` anyway. Without the realtime binding (scripts), claims poll D1 as before.
 */
import type { Context } from "../context.ts";

/** How often a waiting claim looks at D1 even when nobody notified it: expired leases are found this way. */
export const SAFETY_POLL_MS = 5000;
/** The poll interval where no RenderQueue can be reached. */
export const FALLBACK_POLL_MS = 500;

type QueueContext = Pick<Context, "realtime">;

/** Tells the owner's waiting claimers to look at D1 again. A failure only delays them to their next safety poll. */
export async function wakeClaimers(ctx: QueueContext, ownerId: string): Promise<void> {
  if (!ctx.realtime?.notifyRenderQueue) return;
  try {
    dispose(await ctx.realtime.notifyRenderQueue(ownerId));
  } catch (error) {
    console.warn(`render queue of ${ownerId}: claimers not woken: ${String(error)}`);
  }
}

/**
 * One claimer's view of the owner's queue. `begin` before the first D1 query, then `wait` after each query that
 * found nothing: a notification that came after the previous `begin`/`wait` ends the next wait at once, so none is
 * lost between the query and the wait.
 */
export interface ClaimWaiter {
  begin(): Promise<void>;
  /** Resolves when notified, after `ms` (at most the safety poll), or when `signal` aborts. */
  wait(ms: number, signal: AbortSignal | undefined): Promise<void>;
}

export function claimWaiter(ctx: QueueContext, ownerId: string): ClaimWaiter {
  const queue = ctx.realtime?.waitForRenderQueue ? ctx.realtime : null;
  let version: number | null = null;
  let reachable = queue !== null;
  const ask = async (since: number | null, ms: number) => {
    if (!queue?.waitForRenderQueue) return;
    try {
      const answer = await queue.waitForRenderQueue(ownerId, since, ms);
      version = answer.version;
      dispose(answer);
    } catch (error) {
      // The realtime Worker is unreachable: poll D1 for the rest of this claim.
      console.warn(`render queue of ${ownerId}: not reachable, polling: ${String(error)}`);
      reachable = false;
    }
  };
  return {
    begin: () => ask(null, 0),
    wait: async (ms, signal) => {
      if (!reachable || version === null) return sleep(Math.min(ms, FALLBACK_POLL_MS), signal);
      await untilAborted(ask(version, Math.min(ms, SAFETY_POLL_MS)), signal);
    },
  };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return untilAborted(new Promise((resolve) => setTimeout(resolve, ms)), signal);
}

/** `work`, or less if `signal` aborts first (the work then finishes unobserved). */
async function untilAborted(work: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return work;
  if (signal.aborted) return;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<void>((resolve) => {
    onAbort = resolve;
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    await Promise.race([work, aborted]);
  } finally {
    if (onAbort) signal.removeEventListener("abort", onAbort);
  }
}

/** An RPC result holds resources until disposed; leaving it to the garbage collector makes workerd warn. */
function dispose(result: unknown): void {
  (result as Partial<Disposable> | null | undefined)?.[Symbol.dispose]?.();
}
