import { Facts } from "../../match/facts";
import { stripPort } from "../../match/patternIndexes";
import { ImageReference, repositoryOf } from "./imageReference";

/** The AWS Marketplace container registry's account (sellers' install guides pull from its us-east-1 host). */
const MARKETPLACE_REGISTRY_ACCOUNT = "709825985650";

// Private ECR: <account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn], and the dual-stack <account>.dkr-ecr.<region>.on.aws.
const ECR_HOST = /^(\d{12})\.(?:dkr\.ecr(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?|dkr-ecr(?:-fips)?\.[a-z0-9-]+\.on\.aws)$/;

/** The account of a private ECR registry host, if it is one. */
function ecrAccountOf(host: string): string | undefined {
  return ECR_HOST.exec(stripPort(host))?.[1];
}

/**
 * Everything an image reference says about its origin, in the catalog's vocabulary. A repository is also
 * listed without its port, so that a pattern written without one matches whatever port the image names,
 * as registry host patterns do.
 */
export function imageFacts(image: ImageReference): Facts {
  const repository = repositoryOf(image);
  const withoutPort = `${stripPort(image.host)}/${image.path}`;
  const facts: Facts = {
    registryHosts: [image.host],
    imageRepositories: withoutPort === repository ? [repository] : [repository, withoutPort],
  };
  const account = ecrAccountOf(image.host);
  if (account) {
    facts.awsAccountIds = [account];
    const segments = image.path.split("/");
    if (account === MARKETPLACE_REGISTRY_ACCOUNT && segments.length > 1) facts.marketplaceSellers = [segments[0]];
  }
  return facts;
}

/** Facts of a registry known only by its host (a chart repository URL, an install URL, a registry setting). */
export function hostFacts(host: string): Facts {
  const facts: Facts = { registryHosts: [host.toLowerCase()] };
  const account = ecrAccountOf(host.toLowerCase());
  if (account) facts.awsAccountIds = [account];
  return facts;
}
