import { Settings } from "../config/settings";
import { resolveOffline } from "./offlineResolver";
import { Resolver } from "./types";

/** The resolver a configuration asks for. */
export function resolverFor(settings: Settings): Resolver {
  return { resolve: async (references) => references.map((reference) => resolveOffline(reference, settings.inventory)) };
}
