/** The `sselens` executable (built to dist/cli.js). */
import { processIo } from "./io.js";
import { main } from "./main.js";

const status = await main(process.argv.slice(2), processIo());
// Exit explicitly (an idle socket or a stdin listener must not keep the process
// alive), but only once everything written to stdout has been flushed.
process.exitCode = status;
process.stdout.write("", () => process.exit(status));
