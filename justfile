# Guitar Tone Shootout: every command of the project. `just --list` is the command reference.
set shell := ["bash", "-euo", "pipefail", "-c"]

# Node 24 and every tool come from node_modules/.bin (system Node is 20; see docs in README "Toolchain").
export PATH := justfile_directory() / "node_modules/.bin" + ":" + env_var("PATH")
# Nothing may reach outside the npm registry: no telemetry, no cf.json fetch, no NuGet download.
export WRANGLER_SEND_METRICS := "false"
export CLOUDFLARE_CF_FETCH_ENABLED := "false"
export TURBO_TELEMETRY_DISABLED := "1"
export ONNXRUNTIME_NODE_INSTALL := env_var_or_default("ONNXRUNTIME_NODE_INSTALL", "skip")

# List the recipes
default:
    @just --list --unsorted

# Run the product locally: migrate D1, serve app + api + realtime at one URL, seed the demo, start a render node
dev:
    node dev/start-local.ts

# Run every test project (api, realtime, node, e2e) after lint and typecheck
test: lint typecheck
    vitest run

# Run one vitest project by name: api, realtime, node or e2e
test-project name:
    vitest run --project {{name}}

# Dry-run deploy of each Worker, then lint, typecheck and every test
check: deploy-dry-run test

# Generate Worker Env types and React Router route types (gitignored, regenerated here)
typegen:
    turbo run typegen --output-logs=errors-only

# Type-check every runtime's tsconfig (workerd, browser, Node)
typecheck:
    turbo run typecheck --output-logs=errors-only

# Lint and check formatting with Biome
lint:
    biome check .

# Apply Biome's formatting and safe fixes
format:
    biome check --write .

# Generate a D1 migration from workers/api/src/db/schema.ts (name: short_snake_case)
db-generate name:
    cd workers/api && drizzle-kit generate --name {{name}}

# Apply pending D1 migrations to the local database
db-migrate-local:
    node dev/migrate-local.ts

# Seed the demo library (user, DI, captures, IRs, shootout) through a running local stack
seed url="http://127.0.0.1:5173/":
    node dev/seed-local.ts {{url}}

# Write the generated demo assets (DI riff, cab IRs, .nam captures) to a folder
demo-assets out="dev/demo-assets":
    node dev/demo/generate-demo-assets.ts {{out}}

# Build the app and check that each Worker would deploy (no upload)
deploy-dry-run:
    react-router build
    wrangler deploy --dry-run --outdir build/dry-run/app -c build/server/wrangler.json
    wrangler deploy --dry-run --outdir build/dry-run/api -c workers/api/wrangler.toml
    wrangler deploy --dry-run --outdir build/dry-run/realtime -c workers/realtime/wrangler.toml

# Benchmark: the amp engine (ONNX) against the NAM core compiled to WebAssembly, on 60 s of audio, in one run
bench-amp:
    node render-node/bench/bench-amp.ts

# Benchmark: loudness measurement and the demo-size audio render against ffmpeg's ebur128, in one run
bench-audio:
    node render-node/bench/bench-audio.ts

# Benchmark: 20 small renders on the local stack; p50/p95 of submit → claimed and of progress → WebSocket listener
bench-farm:
    node dev/bench-farm.ts

# Benchmark: the 1080p video of a 60 s program against a still-card-per-segment ffmpeg lower bound, in one run
bench-video:
    node render-node/bench/bench-video.ts

# Benchmark: kill a render node mid-render N times (default 20); counts the renders that ended correctly
bench-failover rounds="20":
    node dev/bench-failover.ts {{rounds}}

# Benchmark: share page vs landing page, p50/p95 under 50 concurrent requests and JS size (gzip), production build
bench-web:
    node dev/bench-web.ts

# Render the demo shootout offline (no server): video, short, thumbnail, stems and manifest in dev/demo-render
render-demo:
    node dev/render-demo.ts

# Delete local D1/R2/Durable Object state (the next `just dev` re-migrates and re-seeds)
reset-local:
    rm -rf .wrangler/state
