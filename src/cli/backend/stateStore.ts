/** One object of a state backend, named by its key relative to the backend's root (always "/"-separated). */
export interface StoredObject {
  key: string;
  modified: Date;
}

/** A self-managed state backend (`pulumi login file://…`, `s3://…`): listing and reading its objects. */
export interface StateStore {
  /** The URL objects are named by in reports: `s3://bucket/prefix` or `file:///abs/path`. */
  readonly url: string;
  /** Every object whose key starts with `prefix`, in byte order of their keys (as S3 lists), streamed. */
  list(prefix: string): AsyncIterable<StoredObject>;
  read(key: string): Promise<Buffer>;
}
