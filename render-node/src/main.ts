#!/usr/bin/env node
/**
 * @module The `render-node` command line: `render-node <command> [options]`, `render-node --help`.
 */
import { ampCommands } from "./amp/amp-commands.ts";
import { createRenderCaptureFile } from "./amp/render-capture-file.ts";
import { type Command, UsageError } from "./cli/command.ts";
import { createDspCommands } from "./dsp/dsp-commands.ts";
import { createNodeCommands } from "./node/node-commands.ts";
import { createVideoCommands } from "./video/video-commands.ts";

// Every command renders capture blocks with the amp engine (NAM captures as ONNX graphs).
const renderCaptureFile = createRenderCaptureFile();
const commands: Record<string, Command> = {
  ...ampCommands,
  ...createDspCommands({ renderCaptureFile }),
  ...createVideoCommands({ renderCaptureFile }),
  ...createNodeCommands(),
};

function help(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `usage: render-node <command> [options]\n\ncommands:\n${lines.join("\n")}`;
}

const [name, ...args] = process.argv.slice(2);
const command = name === undefined ? undefined : commands[name];
if (name === undefined || name === "--help" || name === "-h") {
  console.log(help());
} else if (!command) {
  console.error(`render-node: unknown command "${name}"\n\n${help()}`);
  process.exitCode = 2;
} else {
  try {
    await command.run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`render-node ${name}: ${error.message}\nusage: render-node ${command.usage}`);
      process.exitCode = 2;
    } else {
      console.error(`render-node ${name}: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }
  }
}
