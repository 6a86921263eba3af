/**
 * @module A render claimed by a fresh node: its id, frozen spec, the node's token and `call`, a fetch of the api's
 * file routes with that token.
 */
import { exports } from "cloudflare:workers";
import { creatorWithLibrary, twoChainSpec } from "./library.ts";
import { nodeClient } from "./node-client.ts";

export async function leasedRender() {
  const lib = await creatorWithLibrary();
  const { id: shootoutId } = await lib.browser.trpc.shootout.create.mutate(twoChainSpec(lib));
  const { id } = await lib.browser.trpc.render.submit.mutate({ shootoutId });
  const { token } = await lib.browser.trpc.node.create.mutate({ name: "node" });
  const claim = await nodeClient(token).render.claim.mutate({});
  if (!claim) throw new Error("nothing claimed");
  const call = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set("Authorization", `Bearer ${token}`);
    return exports.default.fetch(new Request(`http://localhost:5173${path}`, { ...init, headers }));
  };
  return { lib, renderId: id, spec: claim.spec, call, token };
}
