/**
 * @module The node's own subcommands.
 */
import type { Command } from "../cli/command.ts";
import { describeCapabilities } from "./describe-capabilities.ts";

export const nodeCommands: Record<string, Command> = {
  capabilities: {
    summary: "print what this node would report to the api (cores, memory, execution providers) as JSON",
    usage: "capabilities",
    async run() {
      console.log(JSON.stringify(describeCapabilities(), null, 2));
    },
  },
};
