/**
 * @module The local render node `npm start` runs beside the Workers: attached to the demo creator with a node token
 * kept in the local state folder (created once, reused on later starts), rendering in-process.
 */
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
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
    // The segment cache is keyed by ENGINE_VERSION, which a working copy may not have bumped after changing the DSP:
    // in development the render node's own source is part of the key, so edited code never hears stale audio.
    engineSettings: `source=${await renderNodeSourceHash()}`,
  });
}

/** SHA-256 over render-node/src (tests excluded): changes whenever the code that makes the audio does. */
async function renderNodeSourceHash(): Promise<string> {
  const root = fileURLToPath(new URL("../render-node/src/", import.meta.url));
  const files = (await readdir(root, { recursive: true }))
    .filter((path) => path.endsWith(".ts") && !path.endsWith(".test.ts") && !path.includes("test-support"))
    .sort();
  const hash = createHash("sha256");
  for (const path of files) hash.update(path).update(await readFile(join(root, path)));
  return hash.digest("hex").slice(0, 16);
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
