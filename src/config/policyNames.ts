/** The pack's policies, by the names its policy pack config is keyed by. */
export const POLICY_NAMES = ["restricted-vendor-ami", "restricted-vendor-container-image", "restricted-vendor-marketplace-listing"] as const;

export type PolicyName = (typeof POLICY_NAMES)[number];
