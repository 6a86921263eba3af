/**
 * @module Freezes a shootout into the render spec a node receives: every asset by id, SHA-256 and file name, every
 * default resolved. Its hash (of the content, without the render id) names what is rendered, for caching.
 */
import {
  canonicalJson,
  ENGINE_VERSION,
  type RenderOutput,
  type RenderSpec,
  renderSpecSchema,
} from "../contract/index.ts";

type RenderOutputInput = Partial<Pick<RenderOutput, "short9x16">>;

import type { AssetRow } from "../db/schema.ts";
import type { LoadedShootout } from "../shootouts/read-shootout.ts";
import { tone3000ReferenceOf } from "../tone3000/tone3000-reference-of.ts";
import { sha256Hex } from "../util/sha256-hex.ts";

export async function freezeRenderSpec(
  renderId: string,
  shootout: LoadedShootout,
  assetsById: ReadonlyMap<string, AssetRow>,
  output: RenderOutputInput = {},
): Promise<{ spec: RenderSpec; specHash: string }> {
  const frozen = (assetId: string) => {
    const asset = assetsById.get(assetId);
    if (!asset) throw new Error(`asset ${assetId} of shootout ${shootout.row.id} is missing`);
    const tone3000 = tone3000ReferenceOf(asset);
    return { assetId, sha256: asset.sha256, fileName: asset.fileName, ...(tone3000 ? { tone3000 } : {}), asset };
  };
  const { spec } = shootout;
  const parsed = renderSpecSchema.parse({
    renderId,
    engineVersion: ENGINE_VERSION,
    shootout: { title: spec.title, description: spec.description },
    diTracks: spec.diTracks.map((track) => {
      const { asset, ...file } = frozen(track.assetId);
      const audio = asset.metadata.kind === "audio" ? asset.metadata : null;
      return { ...track, ...file, durationSeconds: audio?.durationSeconds, sampleRateHz: audio?.sampleRateHz };
    }),
    chains: spec.chains.map((chain) => ({
      ...chain,
      blocks: chain.blocks.map((block) => {
        if (block.type !== "capture" && block.type !== "ir") return block;
        const { asset: _asset, ...file } = frozen(block.assetId);
        return { ...block, ...file };
      }),
    })),
    arrangement: spec.arrangement,
    output,
  });
  // The hash names the content (inputs, chains, arrangement): the output formats (video size, the optional short) only
  // add files, so a render with the short still shows the shootout as it is (e.g. in the owner's video preview).
  const { renderId: _renderId, output: _output, ...content } = parsed;
  return { spec: parsed, specHash: await sha256Hex(canonicalJson(content)) };
}
