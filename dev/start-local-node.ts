/**
 * @module The local render node `npm start` runs beside the Workers: attached to the demo creator with a node token
 * kept in the local state folder (created once, reused on later starts), rendering in-process.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { TRPCClientError } from "@trpc/client";
import { createRenderCaptureFile } from "../render-node/src/amp/render-capture-file.ts";
import { describeCapabilities } from "../render-node/src/node/describe-capabilities.ts";
import { createNodeApi } from "../render-node/src/node/node-api.ts";
import { type RenderDaemon, startRenderDaemon } from "../render-node/src/node/render-daemon.ts";
import { localStateDir } from "./local-state-dir.ts";
import { localApiClient } from "./seed/local-api-client.ts";
import { DEMO_USER } from "./seed/seed-demo.ts";

export async function startLocalNode(baseUrl: string): Promise<RenderDaemon> {
  const tokenFile = join(localStateDir(), "local-render-node.token");
  let token = await readFile(tokenFile, "utf8").catch(() => "");
  if (token && !(await tokenWorks(baseUrl, token))) token = "";
  if (!token) {
    const creator = localApiClient(baseUrl);
    await creator.trpc.auth.signIn.mutate({ email: DEMO_USER.email, password: DEMO_USER.password });
    ({ token } = await creator.trpc.node.create.mutate({ name: "local render node" }));
    await writeFile(tokenFile, token, { mode: 0o600 });
  }
  return startRenderDaemon({
    api: createNodeApi({ apiUrl: baseUrl, token }),
    workDir: join(localStateDir(), "render-node"),
    capabilities: { ...describeCapabilities() },
    renderCaptureFile: createRenderCaptureFile({ cacheDir: join(localStateDir(), "render-node", "graphs") }),
    stopGraceMs: 5_000,
  });
}

async function tokenWorks(baseUrl: string, token: string): Promise<boolean> {
  try {
    await createNodeApi({ apiUrl: baseUrl, token }).trpc.node.hello.mutate({ capabilities: {} });
    return true;
  } catch (error) {
    if (error instanceof TRPCClientError && error.data?.code === "UNAUTHORIZED") return false;
    throw error;
  }
}
