import { ResourceInput } from "../../extract/types";
import { isUnknown } from "../../props/unknown";

const known = (value: unknown): string | undefined => (typeof value === "string" && value !== "" && !isUnknown(value) ? value : undefined);

/**
 * Where the resource's AMI lives, as the provider would decide: the resource's own `region` (AWS provider
 * v7), then its provider's `region` (stack config aws:region for the default provider), then the
 * environment of the process running the preview.
 */
export function regionOf(resource: ResourceInput | undefined): string | undefined {
  return known(resource?.props.region) ?? known(resource?.providerProps?.region) ?? known(process.env.AWS_REGION) ?? known(process.env.AWS_DEFAULT_REGION);
}

/** A named profile on the resource's provider selects the credentials, as it would for the deployment. */
export function profileOf(resource: ResourceInput | undefined): string | undefined {
  return known(resource?.providerProps?.profile);
}
