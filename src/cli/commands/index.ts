/**
 * The command table. The first entry is the default command (`sselens URL`).
 * A new command adds its file and one line here.
 */
import type { Command } from "../command.js";
import { inspectCommand } from "./inspect.js";
import { mockCommand } from "./mock.js";
import { sendCommand } from "./send.js";
import { uiCommand } from "./ui.js";

export const COMMANDS: readonly Command[] = [sendCommand, inspectCommand, mockCommand, uiCommand];

export const DEFAULT_COMMAND: Command = sendCommand;
