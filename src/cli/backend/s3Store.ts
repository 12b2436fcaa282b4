import { GetObjectCommand, S3Client, paginateListObjectsV2 } from "@aws-sdk/client-s3";
import type { StateStore, StoredObject } from "./stateStore";

interface S3Location {
  bucket: string;
  /** Where `.pulumi/` sits in the bucket: "" or "some/prefix/". */
  prefix: string;
  /** An S3-compatible store (MinIO, Ceph, moto…): addressed by path, as such stores expect. */
  endpoint?: string;
  region?: string;
}

/** An `s3://bucket[/prefix]` backend, read through the AWS SDK's standard credential and region chain. */
export class S3Store implements StateStore {
  readonly url: string;
  private readonly client: S3Client;

  constructor(private readonly location: S3Location) {
    this.url = `s3://${location.bucket}${location.prefix ? `/${location.prefix.replace(/\/$/, "")}` : ""}`;
    this.client = new S3Client({
      ...(location.region ? { region: location.region } : {}),
      ...(location.endpoint ? { endpoint: location.endpoint, forcePathStyle: true } : {}),
    });
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    const pages = paginateListObjectsV2({ client: this.client }, { Bucket: this.location.bucket, Prefix: this.location.prefix + prefix });
    for await (const page of pages) {
      for (const o of page.Contents ?? []) {
        if (o.Key !== undefined) {
          yield { key: o.Key.slice(this.location.prefix.length), modified: o.LastModified ?? new Date(0) };
        }
      }
    }
  }

  async read(key: string): Promise<Buffer> {
    const object = await this.client.send(new GetObjectCommand({ Bucket: this.location.bucket, Key: this.location.prefix + key }));
    if (!object.Body) {
      throw new Error(`s3://${this.location.bucket}/${this.location.prefix}${key} has no body`);
    }
    return Buffer.from(await object.Body.transformToByteArray());
  }
}
