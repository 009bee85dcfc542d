// The one typed wrapper every handler goes through: check the sender, validate the payload with
// the channel's zod schema, run the handler, and answer an IpcResult. Nothing throws across the
// bridge and no error carries a stack trace or a secret.
import type { z } from "zod";
import type { Logger } from "../../core/ports";
import { toErrorData, type AppErrorData } from "../../shared/errors";
import {
  ipcRequestSchemas,
  type IpcChannel,
  type IpcParsedRequest,
  type IpcResponses,
  type IpcResult,
} from "../../shared/ipc-contract";
import type { IpcSender, IpcTransport } from "./ipc-transport";
import type { SenderPolicy } from "./sender-policy";

export type IpcHandler<C extends IpcChannel> = (request: IpcParsedRequest<C>) => Promise<IpcResponses[C]>;

export interface IpcRouter {
  handle<C extends IpcChannel>(channel: C, handler: IpcHandler<C>): void;
}

export interface IpcRouterOptions {
  transport: IpcTransport;
  isTrustedSender: SenderPolicy;
  logger?: Logger;
}

export const FORBIDDEN_SENDER_ERROR: AppErrorData = {
  code: "IPC_FORBIDDEN",
  message: "This request did not come from the CDP Key Rotator window, so it was refused.",
  action: "Use the app's own window. If you see this in the app itself, quit and reopen it.",
};

export function createIpcRouter(options: IpcRouterOptions): IpcRouter {
  const registered = new Set<IpcChannel>();
  return {
    handle(channel, handler) {
      if (registered.has(channel)) throw new Error(`IPC channel ${channel} already has a handler.`);
      registered.add(channel);
      options.transport.handle(channel, (sender, payload) =>
        invokeChecked(channel, handler, sender, payload, options.isTrustedSender, options.logger),
      );
    },
  };
}

/** One call through the checks; exported so tests can drive it without a transport. */
export async function invokeChecked<C extends IpcChannel>(
  channel: C,
  handler: IpcHandler<C>,
  sender: IpcSender,
  payload: unknown,
  isTrustedSender: SenderPolicy,
  logger?: Logger,
): Promise<IpcResult<IpcResponses[C]>> {
  if (!isTrustedSender(sender)) {
    logger?.log("warn", "Refused an IPC call from an unexpected sender.", { channel, sender: sender.kind });
    return { ok: false, error: FORBIDDEN_SENDER_ERROR };
  }
  const schema = ipcRequestSchemas[channel] as unknown as z.ZodType<IpcParsedRequest<C>>;
  // A call without a payload means "no arguments", as for the channels whose request is `{}`.
  const parsed = schema.safeParse(payload === undefined ? {} : payload);
  if (!parsed.success) {
    return { ok: false, error: invalidInputError(parsed.error) };
  }
  try {
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    const data = redactErrorData(toErrorData(error));
    logger?.log(data.code === "INTERNAL" ? "error" : "info", "IPC call failed.", { channel, code: data.code });
    return { ok: false, error: data };
  }
}

/** Turns zod issues into one readable sentence: which field, what is wrong. */
export function invalidInputError(error: z.ZodError): AppErrorData {
  const parts = error.issues.slice(0, 5).map((issue) => {
    const where = issue.path.length ? issue.path.map(String).join(".") : "request";
    return `${where}: ${issue.message}`;
  });
  return {
    code: "INVALID_INPUT",
    message: `The request was not valid (${parts.join("; ")}).`,
    action: "Check the values you entered and try again.",
  };
}

// Strings shaped like an AWS secret access key (40 chars of base64) or a bearer token never cross.
const SECRET_LIKE = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])|Bearer\s+[\w.~+/-]+=*/g;

export function redactErrorData(data: AppErrorData): AppErrorData {
  const scrub = (text: string) => text.replace(SECRET_LIKE, "<redacted>");
  const out: AppErrorData = { code: data.code, message: scrub(data.message) };
  if (data.action !== undefined) out.action = scrub(data.action);
  if (data.details !== undefined) out.details = scrub(data.details);
  return out;
}
