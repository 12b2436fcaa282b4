import { BuildArgument, baseImages } from "../../src/extract/docker/dockerfile";

const args = (map: Record<string, BuildArgument>) => (name: string) => map[name];
const images = (dockerfile: string, map: Record<string, BuildArgument> = {}) => baseImages(dockerfile, args(map));

describe("Dockerfile base images", () => {
  it("reads each stage's FROM, with its line", () => {
    expect(images("FROM golang:1.22 AS build\nRUN go build\nFROM gcr.io/distroless/base\nCOPY --from=build /app /app\n")).toEqual([
      { line: 1, image: "golang:1.22" },
      { line: 3, image: "gcr.io/distroless/base" },
    ]);
  });

  it("skips scratch and FROM of an earlier stage, whatever its case", () => {
    expect(images("FROM alpine AS Base\nFROM base\nFROM scratch\n")).toEqual([{ line: 1, image: "alpine" }]);
  });

  it("skips --platform and joins continuation lines", () => {
    expect(images("# comment\nFROM --platform=$BUILDPLATFORM \\\n  example.com/app:1\n")).toEqual([{ line: 2, image: "example.com/app:1" }]);
  });

  it("honours the escape parser directive", () => {
    expect(images("# escape=`\nFROM `\n  example.com/app:1\n")).toEqual([{ line: 2, image: "example.com/app:1" }]);
  });

  it("honours the escape directive after another parser directive, so a Windows path does not swallow the next FROM", () => {
    const dockerfile = "# syntax=docker/dockerfile:1\n# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\\nFROM example.com/app:1\n";
    expect(images(dockerfile)).toEqual([
      { line: 3, image: "mcr.microsoft.com/windows/servercore:ltsc2022" },
      { line: 5, image: "example.com/app:1" },
    ]);
  });

  it("ignores an escape directive below the first line that is not a directive, as Docker does", () => {
    expect(images("# a comment\n# escape=`\nFROM \\\n  example.com/app:1\n")).toEqual([{ line: 3, image: "example.com/app:1" }]);
  });

  it("substitutes global ARG defaults, overridden by build arguments", () => {
    const dockerfile = 'ARG REGISTRY=docker.io\nARG TAG="1.0"\nFROM ${REGISTRY}/examplevendor/agent:$TAG\n';
    expect(images(dockerfile)).toEqual([{ line: 3, image: "docker.io/examplevendor/agent:1.0" }]);
    expect(images(dockerfile, { REGISTRY: "repo.example.com" })).toEqual([{ line: 3, image: "repo.example.com/examplevendor/agent:1.0" }]);
  });

  it("applies ${VAR:-default} and ${VAR:+alternative}", () => {
    expect(images("ARG A\nARG B=x\nFROM ${A:-alpine}${B:+:3.20}\n")).toEqual([{ line: 3, image: "alpine:3.20" }]);
  });

  it("reports a build argument that is unknown during preview", () => {
    expect(images("ARG BASE\nFROM $BASE\n", { BASE: { unknown: true } })).toEqual([{ line: 2, unknownArgument: "BASE" }]);
  });

  it("reports a FROM whose argument has no value", () => {
    expect(images("FROM ${BASE}\n")).toEqual([{ line: 1, problem: "build argument BASE has no value" }]);
  });

  it("ignores ARGs declared after the first FROM, which FROM lines do not see", () => {
    expect(images("FROM alpine\nARG BASE=example.com/x\nFROM ${BASE:-busybox}\n")).toEqual([
      { line: 1, image: "alpine" },
      { line: 3, image: "busybox" },
    ]);
  });
});
