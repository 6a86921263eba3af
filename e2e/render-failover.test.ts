import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAILOVER_LEASE_SECONDS, type FailoverSetup, prepareFailover, runFailover } from "./failover-scenario.ts";
import { type LocalStack, startLocalStack } from "./local-stack.ts";

describe("a render node killed mid-render", () => {
  let stack: LocalStack;
  let setup: FailoverSetup;

  beforeAll(async () => {
    stack = await startLocalStack({ env: { GTS_RENDER_LEASE_SECONDS: String(FAILOVER_LEASE_SECONDS) } });
    setup = await prepareFailover(stack.url);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it("is taken over by another node after its lease expires; the listener sees one gap-free stream", async () => {
    const { renderId, render, stored, heard } = await runFailover(setup);
    expect(render).toMatchObject({ status: "succeeded", attempt: 2 });
    expect(stored.filter((e) => e.type === "claimed").map((e) => (e as { nodeName: string }).nodeName)).toEqual([
      "node A",
      "node B",
    ]);
    // A's render went back to the queue one short lease after A claimed it (the stack's lease setting took hold).
    const [claimedByA, requeued] = [stored[1], stored[2]];
    expect(requeued?.type).toBe("queued");
    const requeuedAfterMs = Date.parse(requeued?.at ?? "") - Date.parse(claimedByA?.at ?? "");
    expect(requeuedAfterMs).toBeLessThan((FAILOVER_LEASE_SECONDS + 5) * 1000);
    expect(heard.map((e) => e.seq)).toEqual(stored.map((e) => e.seq));
    expect(heard.map((e) => e.seq)).toEqual(stored.map((_, i) => i));
    expect(heard.at(-1)?.type).toBe("succeeded");

    const names = render.artifacts?.artifacts.map((artifact) => artifact.name) ?? [];
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      const response = await fetch(`${stack.url}files/renders/${renderId}/artifacts/${name}`, {
        headers: { Cookie: setup.cookie },
      });
      expect(response.status, name).toBe(200);
    }
  });
});
