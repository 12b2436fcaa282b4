import { parseFamiliarName } from "@swimlane/docker-reference";
import fc from "fast-check";
import { imageFacts } from "../../src/extract/container/imageFacts";
import { canonicalName, parseImageReference } from "../../src/reference/image";
import { validReference } from "./arbitraries";

const parsed = (text: string) => {
  const result = parseImageReference(text);
  if (!result.ok) throw new Error(`${text}: ${result.problem}`);
  return result.image;
};

describe("parseImageReference normalizes as Docker resolves names", () => {
  it.each([
    ["nginx", "docker.io/library/nginx"],
    ["nginx:1.27", "docker.io/library/nginx:1.27"],
    ["examplevendor/agent", "docker.io/examplevendor/agent"],
    ["index.docker.io/nginx", "docker.io/library/nginx"],
    ["registry-1.docker.io/examplevendor/agent", "docker.io/examplevendor/agent"],
    ["DOCKER.IO/examplevendor/agent", "docker.io/examplevendor/agent"],
    ["REPO.KCS.KASPERSKY.COM/kcs/scanner:2.0", "repo.kcs.kaspersky.com/kcs/scanner:2.0"],
    ["repo.kcs.kaspersky.com:443/kcs/scanner", "repo.kcs.kaspersky.com:443/kcs/scanner"],
    ["localhost/app", "localhost/app"],
    ["localhost:5000/app", "localhost:5000/app"],
    ["[::1]:5000/app", "[::1]:5000/app"],
    ["host:5000", "docker.io/library/host:5000"],
    [`app@sha256:${"a".repeat(64)}`, `docker.io/library/app@sha256:${"a".repeat(64)}`],
  ])("%s → %s", (text, canonical) => {
    expect(canonicalName(parsed(text))).toBe(canonical);
  });

  it.each([
    ["an empty string", ""],
    ["upper case in the path", "example.com/Team/app"],
    ["an invalid tag", "example.com/app:bad+tag"],
    ["a malformed digest", "example.com/app@sha256:xyz"],
    ["a template placeholder", "{{ .Values.image }}"],
    ["an invalid host", "-bad-.com/app"],
    ["a name over 255 characters", `example.com/${"a".repeat(260)}`],
  ])("rejects %s", (_case, text) => {
    expect(parseImageReference(text).ok).toBe(false);
  });

  it("reads an image ID as naming no repository", () => {
    expect(parseImageReference(`sha256:${"f".repeat(64)}`)).toEqual({ ok: false, problem: "it is an image ID, which names no repository" });
  });

  // @swimlane/docker-reference needs about 43 s for this 17-character input (measured); here it is a single linear pass.
  it("rejects a long near-miss that makes a backtracking grammar explode", () => {
    expect(parseImageReference(`${"a".repeat(5000)}!`).ok).toBe(false);
  });

  it("agrees with @swimlane/docker-reference on valid references", () => {
    fc.assert(
      fc.property(validReference, (text) => {
        const ours = parsed(text);
        const theirs = parseFamiliarName(text);
        expect([ours.host, ours.path, ours.tag, ours.digest]).toEqual([theirs.domain, theirs.repository, theirs.tag, theirs.digest]);
      }),
      { seed: 20240929, numRuns: 300 },
    );
  });
});

describe("imageFacts", () => {
  it("names the account of a private ECR registry", () => {
    expect(imageFacts(parsed("111122223333.dkr.ecr.eu-west-1.amazonaws.com/agent:7")).awsAccountIds).toEqual(["111122223333"]);
  });

  it("names the account of an ECR dual-stack host", () => {
    expect(imageFacts(parsed("111122223333.dkr-ecr.eu-west-1.on.aws/agent")).awsAccountIds).toEqual(["111122223333"]);
  });

  it("names the seller of an AWS Marketplace registry image", () => {
    expect(imageFacts(parsed("709825985650.dkr.ecr.us-east-1.amazonaws.com/exampleseller/agent:1")).marketplaceSellers).toEqual(["exampleseller"]);
  });

  it("lists the repository with and without its port", () => {
    expect(imageFacts(parsed("registry.example.com:5000/team/app")).imageRepositories).toEqual([
      "registry.example.com:5000/team/app",
      "registry.example.com/team/app",
    ]);
  });
});
