/** The contract every mock format module follows (one module per wire format). */
import type { Knobs } from "../knobs.js";
import type { MockReply, RequestView } from "../reply.js";
import type { StreamPlan } from "../write.js";

/** What the router knows about the request besides its body. */
export interface RouteContext {
  /** The matched endpoint within the format, e.g. `chat` or `generate`. */
  endpoint: string;
  path: string;
  query: URLSearchParams;
  knobs: Knobs;
}

/** An error response in the provider's own shape. */
export interface ErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface MockFormat {
  /** Route family, e.g. `openai-chat`; part of the seed. */
  name: string;
  method: "GET" | "POST";
  /** The endpoint this path serves, or null. Paths are matched by suffix so the mock can be mounted under a prefix. */
  match(path: string): string | null;
  /** Read the request (body parsed as JSON, `{}` for GET). */
  read(body: Record<string, unknown>, ctx: RouteContext): RequestView;
  /** Content type of the streamed body. */
  contentType(ctx: RouteContext): string;
  stream(reply: MockReply, view: RequestView, ctx: RouteContext): StreamPlan;
  /** The ordinary (non-streamed) JSON reply. */
  json(reply: MockReply, view: RequestView, ctx: RouteContext): unknown;
  /** The provider's HTTP error for `status`; `message` overrides the default text. */
  httpError(status: number, message?: string): ErrorResponse;
}
