import { stripPort } from "./host";

/**
 * AWS identifiers: accounts, AMI ids, ARNs in every partition, and the hosts of private ECR registries.
 *
 *   account   := 12 digits
 *   ami-id    := "ami-" 8 or 17 lower-case hex digits
 *   arn       := "arn:" partition ":" service ":" region ":" account ":" resource
 *   partition := "aws" ("-cn", "-us-gov", "-iso", "-iso-b", ...)
 *   ecr-host  := account "." ECR_HOSTS[i].service "." region "." ECR_HOSTS[i].domain
 */

/** The source of a 12-digit account, for patterns that embed one. */
export const ACCOUNT_ID_SOURCE = "\\d{12}";
const PARTITION = "aws[a-z-]*";
const REGION = "[a-z0-9-]*";

export const AWS_ACCOUNT_ID = new RegExp(`^${ACCOUNT_ID_SOURCE}$`);
export const AMI_ID = /^ami-[0-9a-f]{8}(?:[0-9a-f]{9})?$/;

/** The AWS Marketplace container registry's account (sellers' install guides pull from its us-east-1 host). */
export const MARKETPLACE_REGISTRY_ACCOUNT = "709825985650";

/**
 * The source of a regular expression for ARNs of one service in any partition and region: `owner` and `resource`
 * are regular expression sources, and `owner` defaults to a capture of the 12-digit account.
 */
export function arnPattern(service: string, resource: string, owner = `(${ACCOUNT_ID_SOURCE})`): string {
  return `arn:${PARTITION}:${service}:${REGION}:${owner}:${resource}`;
}

/** The parts of an ARN: arn:<partition>:<service>:<region>:<account>:<resource>. */
interface Arn {
  service: string;
  region: string;
  account: string;
  resource: string;
}

const ARN = new RegExp(`^arn:${PARTITION}:([a-z0-9-]+):(${REGION}):(${ACCOUNT_ID_SOURCE}):(\\S+)$`);

/** An ARN that names its 12-digit account. */
export function parseArn(text: string): Arn | undefined {
  const match = ARN.exec(text);
  return match ? { service: match[1], region: match[2], account: match[3], resource: match[4] } : undefined;
}

/**
 * Every name of a region's private ECR registries: standard, FIPS, China, dual-stack and dual-stack FIPS.
 * Both the image parser (ecrAccountOf) and the pull-through cache rules (ecrRegistryHostPatterns) read this table.
 */
const ECR_HOSTS: ReadonlyArray<{ service: string; domain: string }> = [
  { service: "dkr.ecr", domain: "amazonaws.com" },
  { service: "dkr.ecr-fips", domain: "amazonaws.com" },
  { service: "dkr.ecr", domain: "amazonaws.com.cn" },
  { service: "dkr.ecr-fips", domain: "amazonaws.com.cn" },
  { service: "dkr-ecr", domain: "on.aws" },
  { service: "dkr-ecr-fips", domain: "on.aws" },
];

const escape = (literal: string) => literal.replace(/[.]/g, "\\.");
const ECR_HOST = new RegExp(
  `^(${ACCOUNT_ID_SOURCE})\\.(?:${ECR_HOSTS.map(({ service, domain }) => `${escape(service)}\\.[a-z0-9-]+\\.${escape(domain)}`).join("|")})$`,
);

/** The account of a private ECR registry host, if it is one. */
export function ecrAccountOf(host: string): string | undefined {
  return ECR_HOST.exec(stripPort(host))?.[1];
}

/** Host globs of every private ECR registry in a region ("*" for any region), one per shape ecrAccountOf recognises. */
export function ecrRegistryHostPatterns(region: string): string[] {
  return ECR_HOSTS.map(({ service, domain }) => `*.${service}.${region}.${domain}`);
}
