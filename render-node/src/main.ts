/**
 * @module The render-node command line. `capabilities` prints what this node would report to the api as JSON.
 */
import { describeCapabilities } from "./node/describe-capabilities.ts";

const USAGE = "usage: render-node capabilities";

const [command] = process.argv.slice(2);
if (command === "capabilities") {
  console.log(JSON.stringify(describeCapabilities(), null, 2));
} else {
  console.error(command ? `unknown command "${command}"\n${USAGE}` : USAGE);
  process.exitCode = 2;
}
