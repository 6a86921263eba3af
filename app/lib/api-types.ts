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
