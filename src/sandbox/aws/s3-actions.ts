// The bit of S3 (path style) Jamf Pro does with the CDP key: list the bucket, check it exists and
// upload packages. Objects keep only their name and size.
import { createHash } from "node:crypto";
import type { ActionContext } from "./action-context";
import { AwsFault } from "./aws-fault";
import { escapeXml, S3_NAMESPACE } from "./xml";

export interface S3Route {
  /** Operation name for the request log, e.g. "ListObjectsV2". */
  operation: string;
  bucket: string | null;
  key: string | null;
  query: URLSearchParams;
}

export interface S3Answer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

function decodePath(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Which S3 operation a path-style request is, or null when the sandbox does not serve it. */
export function routeS3(method: string, rawPath: string, rawQuery: string): S3Route | null {
  const query = new URLSearchParams(rawQuery);
  const trimmed = rawPath.replace(/^\//, "");
  const slash = trimmed.indexOf("/");
  const bucket = trimmed === "" ? null : decodePath(slash === -1 ? trimmed : trimmed.slice(0, slash));
  const key = slash === -1 || slash === trimmed.length - 1 ? null : decodePath(trimmed.slice(slash + 1));
  const route = (operation: string): S3Route => ({ operation, bucket, key, query });
  if (bucket === null) return method === "GET" ? route("ListBuckets") : null;
  if (key === null) {
    if (method === "HEAD") return route("HeadBucket");
    if (method === "GET" && query.has("location")) return route("GetBucketLocation");
    if (method === "GET" && query.get("list-type") === "2") return route("ListObjectsV2");
    if (method === "GET") return route("ListObjects");
    return null;
  }
  if (method === "PUT") return route("PutObject");
  if (method === "HEAD") return route("HeadObject");
  if (method === "DELETE") return route("DeleteObject");
  return null;
}

/** The IAM permission each S3 operation needs. */
const PERMISSION: Record<string, string> = {
  ListBuckets: "s3:ListAllMyBuckets",
  HeadBucket: "s3:ListBucket",
  GetBucketLocation: "s3:GetBucketLocation",
  ListObjectsV2: "s3:ListBucket",
  ListObjects: "s3:ListBucket",
  PutObject: "s3:PutObject",
  HeadObject: "s3:GetObject",
  DeleteObject: "s3:DeleteObject",
};

const xmlHead = '<?xml version="1.0" encoding="UTF-8"?>\n';

export function runS3(ctx: ActionContext, route: S3Route, body: Buffer, headers: ReadonlyMap<string, readonly string[]>): S3Answer {
  const permission = PERMISSION[route.operation] ?? "s3:*";
  const bucket = route.bucket;
  if (bucket !== null && !BUCKET_PATTERN.test(bucket)) throw new AwsFault("InvalidBucketName", 400, "The specified bucket is not valid.");
  const resource = bucket === null ? "*" : route.key === null ? `arn:aws:s3:::${bucket}` : `arn:aws:s3:::${bucket}/${route.key}`;
  ctx.authorize(permission, resource);

  switch (route.operation) {
    case "ListBuckets": {
      const buckets = ctx.state
        .bucketNames()
        .map((name) => `<Bucket><Name>${escapeXml(name)}</Name><CreationDate>${ctx.state.now().toISOString()}</CreationDate></Bucket>`)
        .join("");
      return { status: 200, body: `${xmlHead}<ListAllMyBucketsResult xmlns="${S3_NAMESPACE}"><Buckets>${buckets}</Buckets></ListAllMyBucketsResult>` };
    }
    case "HeadBucket":
      ctx.state.bucket(bucket!);
      return { status: 200, body: "", headers: { "x-amz-bucket-region": ctx.scope.region } };
    case "GetBucketLocation":
      ctx.state.bucket(bucket!);
      return { status: 200, body: `${xmlHead}<LocationConstraint xmlns="${S3_NAMESPACE}">${escapeXml(ctx.scope.region === "us-east-1" ? "" : ctx.scope.region)}</LocationConstraint>` };
    case "ListObjectsV2":
    case "ListObjects":
      return listObjects(ctx, bucket!, route);
    case "PutObject": {
      const decoded = headers.get("x-amz-decoded-content-length")?.[0];
      const size = decoded !== undefined ? Number(decoded) : body.length;
      const etag = `"${createHash("md5").update(body).digest("hex")}"`;
      ctx.state.putObject(bucket!, route.key!, size, etag);
      return { status: 200, body: "", headers: { etag } };
    }
    case "HeadObject": {
      const object = ctx.state.bucket(bucket!).get(route.key!);
      if (!object) return { status: 404, body: "" };
      return { status: 200, body: "", headers: { "content-length": String(object.size), etag: object.etag, "last-modified": object.lastModified.toUTCString() } };
    }
    case "DeleteObject":
      ctx.state.bucket(bucket!).delete(route.key!);
      return { status: 204, body: "" };
    default:
      throw new AwsFault("NotImplemented", 501, `The sandbox does not implement S3 ${route.operation}.`);
  }
}

function listObjects(ctx: ActionContext, bucket: string, route: S3Route): S3Answer {
  const prefix = route.query.get("prefix") ?? "";
  const maxKeysText = route.query.get("max-keys");
  const maxKeys = maxKeysText === null ? 1000 : Math.max(0, Math.min(1000, Number(maxKeysText) || 0));
  const after = route.query.get("continuation-token") ?? route.query.get("start-after") ?? route.query.get("marker") ?? "";
  const matching = ctx.state.objects(bucket).filter((object) => object.key.startsWith(prefix) && object.key > after);
  const page = matching.slice(0, maxKeys);
  const truncated = matching.length > page.length;
  const contents = page
    .map(
      (object) =>
        `<Contents><Key>${escapeXml(object.key)}</Key><LastModified>${object.lastModified.toISOString()}</LastModified>` +
        `<ETag>${escapeXml(object.etag)}</ETag><Size>${object.size}</Size><StorageClass>STANDARD</StorageClass></Contents>`,
    )
    .join("");
  const last = page.at(-1)?.key ?? "";
  const paging =
    route.operation === "ListObjectsV2"
      ? `<KeyCount>${page.length}</KeyCount>${truncated ? `<NextContinuationToken>${escapeXml(last)}</NextContinuationToken>` : ""}`
      : `<Marker>${escapeXml(after)}</Marker>${truncated ? `<NextMarker>${escapeXml(last)}</NextMarker>` : ""}`;
  return {
    status: 200,
    body:
      `${xmlHead}<ListBucketResult xmlns="${S3_NAMESPACE}"><Name>${escapeXml(bucket)}</Name><Prefix>${escapeXml(prefix)}</Prefix>` +
      `<MaxKeys>${maxKeys}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${paging}${contents}</ListBucketResult>`,
  };
}
