import { HostGlobIndex } from "../../src/match/patternIndexes";
import { AMI_ID, AWS_ACCOUNT_ID, ecrAccountOf, ecrRegistryHostPatterns, parseArn } from "../../src/reference/aws";
import { isValidDomain, stripPort, withoutRootDot } from "../../src/reference/host";
import { parseImageReference } from "../../src/reference/image";
import { readUrl, schemeOf, withoutScheme } from "../../src/reference/url";

const ACCOUNT = "123456789012";

/** A host a pattern covers: its "*" segments filled in, the first with an account, any other with a region. */
const hostUnder = (pattern: string) => pattern.replace("*", ACCOUNT).replace("*", "eu-west-1");

describe("the ECR host table", () => {
  it.each(["us-east-1", "cn-north-1", "*"])("gives every pull-through pattern of region %s a host the image parser reads as that account's", (region) => {
    for (const pattern of ecrRegistryHostPatterns(region)) {
      const host = hostUnder(pattern);
      expect([pattern, ecrAccountOf(host)]).toEqual([pattern, ACCOUNT]);
      const parsed = parseImageReference(`${host}/docker-hub/library/nginx:1.27`);
      expect(parsed.ok && parsed.image.host).toBe(host);
    }
  });

  it("matches each generated host with the pattern it came from, through the index the caches use", () => {
    const patterns = ecrRegistryHostPatterns("*");
    const index = new HostGlobIndex<string>();
    for (const pattern of patterns) index.add(pattern, pattern);
    for (const pattern of patterns) expect(index.lookup(hostUnder(pattern)).map((hit) => hit.owner)).toEqual([pattern]);
  });

  it("reads no account from a host that is not a private ECR registry", () => {
    expect(ecrAccountOf("public.ecr.aws")).toBeUndefined();
    expect(ecrAccountOf(`${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com.example.com`)).toBeUndefined();
    expect(ecrAccountOf(`12345.dkr.ecr.us-east-1.amazonaws.com`)).toBeUndefined();
  });

  it("reads the account whatever port the host names", () => {
    expect(ecrAccountOf(`${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com:443`)).toBe(ACCOUNT);
  });
});

describe("AWS identifiers", () => {
  it("reads an ARN's service, region, account and resource in any partition", () => {
    expect(parseArn(`arn:aws-us-gov:sagemaker:us-gov-west-1:${ACCOUNT}:model-package/agent`)).toEqual({
      service: "sagemaker",
      region: "us-gov-west-1",
      account: ACCOUNT,
      resource: "model-package/agent",
    });
    expect(parseArn(`arn:aws-cn:serverlessrepo:cn-north-1:${ACCOUNT}:applications/agent`)?.account).toBe(ACCOUNT);
  });

  it("reads no ARN without a 12-digit account", () => {
    expect(parseArn("arn:aws:ssm:us-east-1::parameter/aws/service/x")).toBeUndefined();
  });

  it("knows a 12-digit account and an 8- or 17-digit AMI id", () => {
    expect([AWS_ACCOUNT_ID.test(ACCOUNT), AWS_ACCOUNT_ID.test("12345678901")]).toEqual([true, false]);
    expect(["ami-0123abcd", "ami-0123456789abcdef0", "ami-0123456789abcdef", "AMI-0123abcd"].map((id) => AMI_ID.test(id))).toEqual([true, true, false, false]);
  });
});

describe("hosts", () => {
  it("keeps a port apart from the name", () => {
    expect([stripPort("registry.example.com:5000"), stripPort("registry.example.com"), stripPort("[::1]:5000")]).toEqual([
      "registry.example.com",
      "registry.example.com",
      "[::1]",
    ]);
  });

  it("drops the root dot of a fully qualified name, keeping its port", () => {
    expect([withoutRootDot("repo.example.com."), withoutRootDot("repo.example.com.:8443")]).toEqual(["repo.example.com", "repo.example.com:8443"]);
  });

  it("accepts names, IPv6 addresses and numeric ports only", () => {
    expect(
      ["repo.example.com", "[::1]:5000", "localhost:5000", "repo.example.com:https", "-repo.example.com", `${"a".repeat(254)}`].map(isValidDomain),
    ).toEqual([true, true, true, false, false, false]);
  });
});

describe("the URL reader", () => {
  it("reads the scheme, the host without user info or root dot, and the path without query or fragment", () => {
    expect(readUrl("HTTPS://user:secret@Repo.Example.com.:8443/charts/?token=x#top")).toEqual({
      scheme: "https",
      host: "Repo.Example.com:8443",
      path: "/charts/",
    });
  });

  it("takes the host after the last @ of the authority", () => {
    expect(readUrl("https://a@b@repo.example.com/charts")?.host).toBe("repo.example.com");
  });

  it("reads nothing from text without a scheme or with no valid host", () => {
    expect([readUrl("repo.example.com/charts"), readUrl("https:///charts"), readUrl("https://bad_host/charts")]).toEqual([undefined, undefined, undefined]);
  });

  it("names the scheme and strips it", () => {
    expect([schemeOf("OCI://registry.example.com/charts"), schemeOf("registry.example.com/charts")]).toEqual(["oci", undefined]);
    expect([withoutScheme("oci://registry.example.com/charts"), withoutScheme("registry.example.com")]).toEqual([
      "registry.example.com/charts",
      "registry.example.com",
    ]);
  });
});
