/**
 * The local server of `sselens ui`: what the CLI and the e2e tests use.
 * The page talks to it only through `web/api` and the types in `protocol.ts`.
 */
export { type AppDeps, createApp } from "./app.js";
export type * from "./protocol.js";
export { SECRET_MASK } from "./protocol.js";
export { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from "./security.js";
export { startUi, UI_HOST, type UiOptions, type UiServer } from "./serve.js";
