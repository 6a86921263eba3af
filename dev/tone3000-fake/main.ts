/**
 * @module `node dev/tone3000-fake/main.ts [--port N] [--host H]`: runs the local TONE3000 stand-in until stopped
 * and prints where it is. Point the app's TONE3000 base URL at the printed origin.
 */
import { parseArgs } from "node:util";
import { startTone3000Fake } from "./start-tone3000-fake.ts";

const { values } = parseArgs({
  options: { port: { type: "string", default: "8793" }, host: { type: "string", default: "127.0.0.1" } },
});
const fake = await startTone3000Fake({ port: Number(values.port), host: values.host });
console.log(`TONE3000 stand-in (${fake.catalog.source} catalogue) at ${fake.url}`);
console.log(`  API base  ${fake.url}/api/v1   client_id ${fake.clientId}`);
console.log(
  `  controls  ${fake.url}/__fake/stats (GET), revoke-refresh-tokens, expire-access-tokens, reset-rate-limit, approve (POST)`,
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void fake.close().then(() => process.exit(0));
  });
}
