/** @module The api's answers as the app receives them (JSON: dates are strings), inferred from `AppRouter`. */
import type { AppRouter } from "@gts/api/router";
import type { inferRouterOutputs } from "@trpc/server";

type Outputs = inferRouterOutputs<AppRouter>;

export type Asset = Outputs["asset"]["list"]["items"][number];
export type OwnedShootout = Outputs["shootout"]["get"];
export type ShootoutPlan = Outputs["shootout"]["plan"];
export type SharedShootout = Outputs["shootout"]["getShared"];
export type SharedRender = NonNullable<SharedShootout["latestRender"]>;
export type Render = Outputs["render"]["get"];
export type Tone3000Status = Outputs["tone3000"]["status"];
export type Tone3000Account = NonNullable<Tone3000Status["account"]>;
export type Tone3000SearchPage = Outputs["tone3000"]["search"];
export type Tone3000Tone = Tone3000SearchPage["items"][number];
export type Tone3000ToneDetail = Outputs["tone3000"]["tone"];
export type Tone3000ModelSummary = Tone3000ToneDetail["models"][number];

/** How pages credit a TONE3000 model: the reference with its licence as a label (`CC BY 4.0`). */
export interface Tone3000Credit {
  toneTitle: string;
  modelName: string;
  creator: string;
  licenceLabel: string;
  toneUrl: string;
}

/** A library asset with the label of its TONE3000 licence (null for uploads and demo assets). */
export type LibraryAsset = Asset & { tone3000Credit: Tone3000Credit | null };
