import { Settings } from "../config/settings";
import { resolveOffline } from "./offlineResolver";
import { onlineResolver } from "./online/onlineResolver";
import { Resolver } from "./types";

/** The resolver a configuration asks for: the inventory alone, or the inventory then EC2 DescribeImages. */
export function resolverFor(settings: Settings): Resolver {
  if (settings.amiResolution === "aws") return onlineResolver(settings);
  return { resolve: async (references) => references.map((reference) => resolveOffline(reference, settings.inventory)) };
}
