import * as http2 from "http2";

/**
 * Unary gRPC calls over one HTTP/2 session, written directly on `node:http2`: a request is the method's path,
 * `content-type: application/grpc`, `te: trailers`, a `grpc-timeout`, and one length-prefixed message; the
 * answer is one length-prefixed message and `grpc-status`/`grpc-message` in the trailers. For a scan's tens of
 * thousands of Analyze calls, @grpc/grpc-js spent more of the CLI's CPU per call (call objects, filters,
 * metadata, a copy of every message) than encoding the request did.
 */

/** The gRPC status codes this client reports (those grpc-js would report in the same situations). */
export const GrpcStatus = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  DEADLINE_EXCEEDED: 4,
  RESOURCE_EXHAUSTED: 8,
  INTERNAL: 13,
  UNAVAILABLE: 14,
} as const;

/** A call that ended without an answer: the server's status, or the deadline, or the connection's end. */
export class GrpcCallError extends Error {
  constructor(
    readonly code: number,
    readonly details: string,
  ) {
    super(`${code} ${details}`);
    this.name = "GrpcCallError";
  }
}

/** The 5-byte frame header: not compressed, then the message's length (big-endian). */
const FRAME_HEADER_BYTES = 5;

function frameHeader(length: number): Buffer {
  const header = Buffer.allocUnsafe(FRAME_HEADER_BYTES);
  header[0] = 0;
  header.writeUInt32BE(length, 1);
  return header;
}

/** grpc-message is percent-encoded (gRPC over HTTP/2, "Responses"). */
function decodeGrpcMessage(value: string | string[] | undefined): string {
  const text = Array.isArray(value) ? value.join(",") : (value ?? "");
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

interface PendingCall {
  fail(error: GrpcCallError): void;
}

export class GrpcUnaryClient {
  private session?: http2.ClientHttp2Session;
  private readonly pending = new Set<PendingCall>();
  private closed = false;

  constructor(
    /** host:port */
    private readonly address: string,
    private readonly maxMessageBytes: number,
  ) {}

  /** The session, opened on first use and again after the server ended the last one (as grpc-js reconnects). */
  private connect(): http2.ClientHttp2Session {
    if (this.session && !this.session.closed && !this.session.destroyed) {
      return this.session;
    }
    const session = http2.connect(`http://${this.address}`);
    const dropAll = (why: string) => {
      if (this.session === session) {
        this.session = undefined;
      }
      for (const call of [...this.pending]) {
        call.fail(new GrpcCallError(GrpcStatus.UNAVAILABLE, why));
      }
    };
    session.on("error", (e: Error) => dropAll(`connection error: ${e.message}`));
    session.on("goaway", (code: number) => dropAll(`the server closed the connection (GOAWAY ${code})`));
    session.on("close", () => dropAll("connection closed"));
    this.session = session;
    return session;
  }

  /**
   * Calls `path` ("/pulumirpc.Analyzer/Analyze") with the message `request`; resolves to the answer's bytes,
   * or rejects with a GrpcCallError: the server's status, DEADLINE_EXCEEDED after `timeoutMs`, UNAVAILABLE when
   * the connection is refused or drops, CANCELLED once the client is closed.
   */
  call(path: string, request: Uint8Array, timeoutMs: number): Promise<Buffer> {
    if (this.closed) {
      return Promise.reject(new GrpcCallError(GrpcStatus.CANCELLED, "the client was closed"));
    }
    if (request.length > this.maxMessageBytes) {
      return Promise.reject(new GrpcCallError(GrpcStatus.RESOURCE_EXHAUSTED, `request of ${request.length} bytes exceeds ${this.maxMessageBytes}`));
    }
    return new Promise((resolve, reject) => {
      const session = this.connect();
      const stream = session.request(
        {
          ":method": "POST",
          ":path": path,
          "content-type": "application/grpc",
          te: "trailers",
          "grpc-timeout": `${Math.max(1, Math.ceil(timeoutMs))}m`,
        },
        { endStream: false },
      );
      const chunks: Buffer[] = [];
      let received = 0;
      let settled = false;
      const call: PendingCall = {
        fail: (error) => {
          if (!settled) {
            stream.close(http2.constants.NGHTTP2_CANCEL);
          }
          finish(error);
        },
      };
      const timer = setTimeout(() => call.fail(new GrpcCallError(GrpcStatus.DEADLINE_EXCEEDED, "Deadline exceeded")), timeoutMs);
      const finish = (error: GrpcCallError | undefined, message?: Buffer) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.pending.delete(call);
        if (this.pending.size === 0) {
          session.unref();
        }
        if (error) reject(error);
        else resolve(message!);
      };
      const fromStatus = (headers: http2.IncomingHttpHeaders) => {
        const status = Number(headers["grpc-status"]);
        if (status !== GrpcStatus.OK) {
          finish(new GrpcCallError(Number.isInteger(status) ? status : GrpcStatus.UNKNOWN, decodeGrpcMessage(headers["grpc-message"])));
          return;
        }
        const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received);
        if (body.length < FRAME_HEADER_BYTES || body[0] !== 0 || body.readUInt32BE(1) !== body.length - FRAME_HEADER_BYTES) {
          finish(new GrpcCallError(GrpcStatus.INTERNAL, "the answer is not one uncompressed gRPC message"));
          return;
        }
        finish(undefined, body.subarray(FRAME_HEADER_BYTES));
      };
      this.pending.add(call);
      session.ref();
      stream.on("response", (headers) => {
        if (headers[":status"] !== 200) {
          finish(new GrpcCallError(GrpcStatus.UNKNOWN, `HTTP status ${headers[":status"]}`));
        } else if (headers["grpc-status"] !== undefined) {
          // A trailers-only answer: the status comes with the headers.
          fromStatus(headers);
        }
      });
      stream.on("data", (chunk: Buffer) => {
        received += chunk.length;
        if (received > this.maxMessageBytes + FRAME_HEADER_BYTES) {
          call.fail(new GrpcCallError(GrpcStatus.RESOURCE_EXHAUSTED, `answer larger than ${this.maxMessageBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      stream.on("trailers", (trailers) => fromStatus(trailers));
      // The stream ends without a status when the server resets it or the connection drops.
      stream.on("close", () => {
        if (!settled) {
          finish(new GrpcCallError(GrpcStatus.UNAVAILABLE, `the stream ended without a status (code ${stream.rstCode})`));
        }
      });
      stream.on("error", () => undefined);
      stream.write(frameHeader(request.length));
      stream.end(request);
    });
  }

  /** Ends the session; calls in flight fail with CANCELLED. */
  close(): void {
    this.closed = true;
    for (const call of [...this.pending]) {
      call.fail(new GrpcCallError(GrpcStatus.CANCELLED, "the client was closed"));
    }
    this.session?.destroy();
    this.session = undefined;
  }
}
