/**
 * @module `just bench-failover [N]`: the kill-a-node scenario N times (default 20) on one local stack; counts the
 * renders that ended correctly (succeeded on the second node, every event heard once and in order). Not run in CI.
 */
import "./offline-env.ts";
import { FAILOVER_LEASE_SECONDS, prepareFailover, runFailover } from "../e2e/failover-scenario.ts";
import { startLocalStack } from "../e2e/local-stack.ts";

const rounds = Number(process.argv[2] ?? 20);
const stack = await startLocalStack({ env: { GTS_RENDER_LEASE_SECONDS: String(FAILOVER_LEASE_SECONDS) } });
let correct = 0;
const failures: string[] = [];
const started = Date.now();
try {
  const setup = await prepareFailover(stack.url);
  for (let round = 1; round <= rounds; round++) {
    try {
      const { render, stored, heard } = await runFailover(setup);
      const gapFree = heard.length === stored.length && heard.every((e, i) => e.seq === i);
      const ok = render.status === "succeeded" && render.attempt === 2 && gapFree && heard.at(-1)?.type === "succeeded";
      if (ok) correct++;
      else
        failures.push(
          `round ${round}: status ${render.status}, attempt ${render.attempt}, heard ${heard.length}/${stored.length}`,
        );
    } catch (error) {
      failures.push(`round ${round}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    }
    console.log(`round ${round}/${rounds}: ${correct} correct so far`);
  }
} finally {
  await stack.stop();
}
for (const failure of failures) console.log(failure);
console.log(
  JSON.stringify({
    rounds,
    correct,
    failed: rounds - correct,
    leaseSeconds: FAILOVER_LEASE_SECONDS,
    wallSeconds: Math.round((Date.now() - started) / 1000),
  }),
);
