import * as grpc from "@grpc/grpc-js";
import { GrpcCallError, GrpcStatus, GrpcUnaryClient } from "../../src/harness/grpcUnaryClient";

// A grpc-js server, as the policy SDK serves the Analyzer: one unary method whose messages are raw bytes.
const METHOD = "/test.Echo/Call";
const bytesMethod = {
  path: METHOD,
  requestStream: false,
  responseStream: false,
  requestSerialize: (b: Buffer) => b,
  requestDeserialize: (b: Buffer) => b,
  responseSerialize: (b: Buffer) => b,
  responseDeserialize: (b: Buffer) => b,
};
const MAX_MESSAGE_BYTES = 1024 * 1024;

type Handler = (request: Buffer, answer: grpc.sendUnaryData<Buffer>) => void;

describe("the CLI's unary gRPC client against a grpc-js server", () => {
  let server: grpc.Server;
  let address: string;
  let handler: Handler;
  let client: GrpcUnaryClient;

  beforeAll(async () => {
    server = new grpc.Server();
    server.addService(
      { call: bytesMethod },
      { call: (call: grpc.ServerUnaryCall<Buffer, Buffer>, answer: grpc.sendUnaryData<Buffer>) => handler(call.request, answer) },
    );
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    address = `127.0.0.1:${port}`;
  });

  beforeEach(() => {
    client = new GrpcUnaryClient(address, MAX_MESSAGE_BYTES);
  });

  afterEach(() => client.close());

  afterAll(() => server.forceShutdown());

  async function callError(request: Uint8Array, timeoutMs = 5_000): Promise<GrpcCallError> {
    const error = await client.call(METHOD, request, timeoutMs).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GrpcCallError);
    return error as GrpcCallError;
  }

  it("sends the request's bytes and resolves to the answer's bytes", async () => {
    handler = (request, answer) => answer(null, Buffer.concat([Buffer.from("echo:"), request]));
    expect((await client.call(METHOD, Buffer.from("abc"), 5_000)).toString()).toBe("echo:abc");
  });

  it("carries an empty request and an empty answer (GetAnalyzerInfo's Empty)", async () => {
    handler = (request, answer) => answer(null, request);
    expect(await client.call(METHOD, new Uint8Array(0), 5_000)).toHaveLength(0);
  });

  it("carries many calls at once on one session, each with its own answer", async () => {
    handler = (request, answer) => setTimeout(() => answer(null, request), Math.random() * 20);
    const requests = Array.from({ length: 200 }, (_, i) => `request ${i}`);
    const answers = await Promise.all(requests.map((r) => client.call(METHOD, Buffer.from(r), 5_000)));
    expect(answers.map((a) => a.toString())).toEqual(requests);
  });

  it("carries a request and an answer larger than the HTTP/2 flow-control window", async () => {
    const big = Buffer.alloc(600 * 1024, 7);
    handler = (request, answer) => answer(null, request);
    expect((await client.call(METHOD, big, 5_000)).equals(big)).toBe(true);
  });

  it("rejects with the server's status and its percent-decoded message", async () => {
    handler = (_request, answer) => answer({ code: grpc.status.INVALID_ARGUMENT, details: "bad value: 100% ünïcode\nsecond line" });
    const error = await callError(Buffer.from("x"));
    expect([error.code, error.details]).toEqual([grpc.status.INVALID_ARGUMENT, "bad value: 100% ünïcode\nsecond line"]);
  });

  it("rejects with DEADLINE_EXCEEDED when the server does not answer in time", async () => {
    handler = () => undefined;
    const started = Date.now();
    const error = await callError(Buffer.from("x"), 200);
    expect(error.code).toBe(GrpcStatus.DEADLINE_EXCEEDED);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("rejects with RESOURCE_EXHAUSTED an answer larger than the client accepts", async () => {
    handler = (_request, answer) => answer(null, Buffer.alloc(MAX_MESSAGE_BYTES + 1));
    expect((await callError(Buffer.from("x"))).code).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
  });

  it("rejects with CANCELLED the calls in flight when it is closed, and every call after", async () => {
    handler = () => undefined;
    const inFlight = callError(Buffer.from("x"));
    await new Promise((r) => setTimeout(r, 50));
    client.close();
    expect((await inFlight).code).toBe(GrpcStatus.CANCELLED);
    expect((await callError(Buffer.from("y"))).code).toBe(GrpcStatus.CANCELLED);
  });
});

describe("the CLI's unary gRPC client without a server", () => {
  it("rejects with UNAVAILABLE when nothing listens at the address", async () => {
    const probe = new grpc.Server();
    const port = await new Promise<number>((resolve, reject) =>
      probe.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    probe.forceShutdown();
    const client = new GrpcUnaryClient(`127.0.0.1:${port}`, MAX_MESSAGE_BYTES);
    const error = await client.call(METHOD, Buffer.from("x"), 5_000).catch((e: unknown) => e);
    client.close();
    expect(error).toBeInstanceOf(GrpcCallError);
    expect((error as GrpcCallError).code).toBe(GrpcStatus.UNAVAILABLE);
  });

  it("rejects with UNAVAILABLE the calls in flight when the server goes away", async () => {
    const server = new grpc.Server();
    server.addService({ call: bytesMethod }, { call: () => undefined });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    const client = new GrpcUnaryClient(`127.0.0.1:${port}`, MAX_MESSAGE_BYTES);
    const inFlight = client.call(METHOD, Buffer.from("x"), 5_000).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));
    server.forceShutdown();
    const error = await inFlight;
    client.close();
    expect(error).toBeInstanceOf(GrpcCallError);
    expect((error as GrpcCallError).code).toBe(GrpcStatus.UNAVAILABLE);
  });
});
