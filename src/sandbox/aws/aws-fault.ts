// An error the peer answers on the wire, shaped like AWS's own (code, HTTP status, message).

export type FaultType = "Sender" | "Receiver";

export class AwsFault extends Error {
  readonly code: string;
  readonly status: number;
  readonly type: FaultType;

  constructor(code: string, status: number, message: string, type: FaultType = status >= 500 ? "Receiver" : "Sender") {
    super(message);
    this.name = "AwsFault";
    this.code = code;
    this.status = status;
    this.type = type;
  }
}

/** HTTP status and default message AWS uses for codes a test may inject with failNext. */
const KNOWN_FAULTS: Record<string, { status: number; message: string }> = {
  Throttling: { status: 400, message: "Rate exceeded" },
  ThrottlingException: { status: 400, message: "Rate exceeded" },
  RequestLimitExceeded: { status: 503, message: "Request limit exceeded." },
  ExpiredToken: { status: 403, message: "The security token included in the request is expired" },
  ServiceUnavailable: { status: 503, message: "Service is unavailable. Please try again later." },
  ServiceFailure: { status: 500, message: "An internal error occurred." },
  InternalFailure: { status: 500, message: "The request processing has failed because of an unknown error, exception or failure." },
  AccessDenied: { status: 403, message: "Access denied." },
  InvalidClientTokenId: { status: 403, message: "The security token included in the request is invalid." },
  SignatureDoesNotMatch: {
    status: 403,
    message:
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
  },
  RequestExpired: { status: 400, message: "Request has expired." },
  LimitExceeded: { status: 409, message: "Cannot exceed quota for AccessKeysPerUser: 2" },
  NoSuchEntity: { status: 404, message: "The entity cannot be found." },
  EntityAlreadyExists: { status: 409, message: "The entity already exists." },
  ConcurrentModification: { status: 409, message: "Rate of requests exceeds the allowed limit, please try again later." },
  ValidationError: { status: 400, message: "Validation failed." },
};

export function injectedFault(code: string): AwsFault {
  const known = KNOWN_FAULTS[code];
  return new AwsFault(code, known?.status ?? 400, known?.message ?? `Injected ${code} from the sandbox.`);
}

export const INVALID_TOKEN_MESSAGE = "The security token included in the request is invalid.";

export function invalidClientToken(): AwsFault {
  return new AwsFault("InvalidClientTokenId", 403, INVALID_TOKEN_MESSAGE);
}

export function signatureMismatch(message = KNOWN_FAULTS["SignatureDoesNotMatch"]!.message): AwsFault {
  return new AwsFault("SignatureDoesNotMatch", 403, message);
}

export function expiredToken(): AwsFault {
  return new AwsFault("ExpiredToken", 403, KNOWN_FAULTS["ExpiredToken"]!.message);
}

export function validationError(message: string): AwsFault {
  return new AwsFault("ValidationError", 400, message);
}

export function noSuchEntity(message: string): AwsFault {
  return new AwsFault("NoSuchEntity", 404, message);
}
