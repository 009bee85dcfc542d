// What Jamf Pro does with the CDP's key: real SigV4-signed, path-style S3 requests to the AWS
// peer (ListObjectsV2 for the connection test, PutObject for package uploads). A wrong, inactive
// or not yet propagated key fails exactly as it would against AWS.
import { createHash, createHmac } from "node:crypto";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { SignatureV4 } from "@smithy/signature-v4";

type SourceData = string | ArrayBuffer | ArrayBufferView;

function toBuffer(data: SourceData): Buffer {
  if (typeof data === "string") return Buffer.from(data, "utf8");
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

/** The Checksum shape @smithy/signature-v4 wants, over node:crypto (hash, or HMAC when keyed). */
class NodeSha256 {
  private readonly secret: Buffer | undefined;
  private hash: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;

  constructor(secret?: SourceData) {
    this.secret = secret === undefined ? undefined : toBuffer(secret);
    this.hash = this.fresh();
  }

  private fresh() {
    return this.secret ? createHmac("sha256", this.secret) : createHash("sha256");
  }

  update(data: SourceData): void {
    this.hash.update(toBuffer(data));
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }

  reset(): void {
    this.hash = this.fresh();
  }
}

export interface S3Call {
  awsUrl: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  method: "GET" | "PUT" | "HEAD";
  bucket: string;
  /** Object key for PutObject; absent for bucket operations. */
  key?: string;
  query?: Record<string, string>;
  body?: Buffer;
  timeoutMs?: number;
}

export interface S3Answer {
  status: number;
  /** S3 error code from the XML body (e.g. InvalidAccessKeyId), null on success. */
  errorCode: string | null;
  errorMessage: string | null;
}

export async function sendSignedS3Request(call: S3Call): Promise<S3Answer> {
  const base = new URL(call.awsUrl);
  const encodedKey = call.key ? `/${call.key.split("/").map(encodeURIComponent).join("/")}` : "";
  const path = `${base.pathname.replace(/\/$/, "")}/${encodeURIComponent(call.bucket)}${encodedKey}`;
  const body = call.body ?? Buffer.alloc(0);
  const headers: Record<string, string> = { host: base.host };
  if (call.method === "PUT") {
    headers["content-type"] = "application/octet-stream";
    headers["content-length"] = String(body.length);
  }
  const signer = new SignatureV4({
    credentials: { accessKeyId: call.accessKeyId, secretAccessKey: call.secretAccessKey },
    region: call.region,
    service: "s3",
    sha256: NodeSha256,
    uriEscapePath: false,
    applyChecksum: true,
  });
  const signed = await signer.sign({
    method: call.method,
    protocol: base.protocol,
    hostname: base.hostname,
    port: base.port ? Number(base.port) : undefined,
    path,
    query: call.query ?? {},
    headers,
    body: call.method === "PUT" ? body : undefined,
  });
  const search = new URLSearchParams(call.query ?? {}).toString();
  const send = base.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<S3Answer>((resolve, reject) => {
    const req = send(
      {
        method: call.method,
        hostname: base.hostname,
        port: base.port || undefined,
        path: search ? `${path}?${search}` : path,
        headers: signed.headers,
        timeout: call.timeoutMs ?? 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) return resolve({ status, errorCode: null, errorMessage: null });
          resolve({
            status,
            errorCode: /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? (res.headers["x-amz-error-code"] as string | undefined) ?? `HTTP${status}`,
            errorMessage: /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? null,
          });
        });
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("S3 request timed out")));
    req.on("error", reject);
    req.end(call.method === "PUT" ? body : undefined);
  });
}
