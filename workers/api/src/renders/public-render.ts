/**
 * @module What the owner sees of a render: state, progress, attempts, artifacts and errors (not the frozen spec).
 */
import type { RenderRow } from "../db/schema.ts";

export function publicRender(render: RenderRow) {
  const { spec, leaseNodeId, ownerId: _ownerId, ...rest } = render;
  return { ...rest, nodeId: leaseNodeId, short9x16: spec.output.short9x16 };
}

export type PublicRender = ReturnType<typeof publicRender>;
