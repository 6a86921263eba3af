/**
 * @module `RenderQueue`: wakes the render nodes of one owner (one object per owner) that are waiting in
 * `render.claim`, so a new or requeued render is claimed at once instead of at the next D1 poll. It holds no renders
 * and no state worth keeping: D1 is the queue. A version number, bumped by every `notify`, closes the gap between a
 * claimer's D1 query and its `wait`: a claimer passes the version it saw before querying, and a `wait` on an older
 * version returns at once.
 */
import { DurableObject } from "cloudflare:workers";
import type { RealtimeEnv } from "./realtime-env.ts";

/** What a wait answers: the queue's version now (pass it to the next wait), and whether a notification ended it. */
export interface RenderQueueWait {
  version: number;
  notified: boolean;
}

/** Longest single wait: under the ~30 s the runtime allows an idle request (the api waits far less, see render.ts). */
export const MAX_QUEUE_WAIT_MS = 30_000;

export class RenderQueue extends DurableObject<RealtimeEnv> {
  /**
   * Random start: an object evicted and started again (it holds nothing in storage) does not reuse the numbers a
   * claimer may still hold, so a version from before the restart reads as "changed" and the claimer looks again.
   */
  private version = crypto.getRandomValues(new Uint32Array(1))[0] ?? 0;
  private readonly waiters = new Set<() => void>();

  /** Something became claimable (or went away): every waiting claimer looks at D1 again. Answers how many woke. */
  async notify(): Promise<number> {
    this.version = (this.version + 1) >>> 0;
    const woken = this.waiters.size;
    for (const wake of [...this.waiters]) wake();
    return woken;
  }

  /**
   * Resolves once the version differs from `since` (at once when it already does), or after `timeoutMs`.
   * `since: null` only reads the version, which a claimer does before its first D1 query.
   */
  async wait(since: number | null, timeoutMs: number): Promise<RenderQueueWait> {
    if (since === null || since !== this.version || !(timeoutMs > 0)) {
      return { version: this.version, notified: since !== null && since !== this.version };
    }
    const notified = await new Promise<boolean>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(true);
      };
      const timer = setTimeout(
        () => {
          this.waiters.delete(wake);
          resolve(false);
        },
        Math.min(timeoutMs, MAX_QUEUE_WAIT_MS),
      );
      this.waiters.add(wake);
    });
    return { version: this.version, notified };
  }

  /** How many claimers are waiting (tests). */
  async waiting(): Promise<number> {
    return this.waiters.size;
  }
}
