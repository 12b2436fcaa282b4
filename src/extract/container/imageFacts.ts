import { Facts } from "../../match/facts";
import { MARKETPLACE_REGISTRY_ACCOUNT, ecrAccountOf } from "../../reference/aws";
import { stripPort } from "../../reference/host";
import { ImageReference, repositoryOf } from "../../reference/image";

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
