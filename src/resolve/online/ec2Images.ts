import type { EC2Client } from "@aws-sdk/client-ec2";
import { AmiRecord } from "../../config/amiInventory";

/** An image as DescribeImages reports it; a copy names its source's region too. */
export type Ec2Image = AmiRecord & { SourceImageRegion?: string };

/** Asks EC2 for some images; resolves with the ones it returned, rejects with the SDK's error. */
export type DescribeImages = (imageIds: string[]) => Promise<Ec2Image[]>;

const MAX_ATTEMPTS = 3;
const DEFAULT_TIMEOUT_MS = 5_000;

/** Per-attempt timeout; RESTRICTED_VENDORS_EC2_TIMEOUT_MS overrides it (tests, slow links). */
function attemptTimeoutMs(): number {
  const configured = Number(process.env.RESTRICTED_VENDORS_EC2_TIMEOUT_MS);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_TIMEOUT_MS;
}

/**
 * DescribeImages in one region through the standard AWS credential chain. The SDK is loaded on first use
 * only: the pack's start-up must not pay for it when amiResolution is "offline". The endpoint follows the
 * SDK's own configuration (AWS_ENDPOINT_URL_EC2, AWS_ENDPOINT_URL, profile endpoint_url).
 */
export function ec2DescribeImages(region: string, profile: string | undefined): DescribeImages {
  let client: Promise<{ client: EC2Client; command: typeof import("@aws-sdk/client-ec2").DescribeImagesCommand }> | undefined;
  return async (imageIds) => {
    client ??= import("@aws-sdk/client-ec2").then((sdk) => {
      const timeout = attemptTimeoutMs();
      return {
        client: new sdk.EC2Client({
          region,
          profile,
          maxAttempts: MAX_ATTEMPTS,
          // Without throwOnRequestTimeout the handler only logs a warning and waits on.
          requestHandler: { connectionTimeout: timeout, requestTimeout: timeout, throwOnRequestTimeout: true },
        }),
        command: sdk.DescribeImagesCommand,
      };
    });
    const { client: ec2, command } = await client;
    // A bound on the whole call, retries and back-off included, in case a socket neither answers nor fails.
    const deadline = AbortSignal.timeout(MAX_ATTEMPTS * attemptTimeoutMs() + 5_000);
    const output = await ec2.send(new command({ ImageIds: imageIds, IncludeDeprecated: true, IncludeDisabled: true }), { abortSignal: deadline });
    return (output.Images ?? []).flatMap((image): Ec2Image[] =>
      image.ImageId && image.OwnerId
        ? [
            {
              ImageId: image.ImageId,
              OwnerId: image.OwnerId,
              ImageOwnerAlias: image.ImageOwnerAlias,
              Name: image.Name,
              SourceImageId: image.SourceImageId,
              SourceImageRegion: image.SourceImageRegion,
              ProductCodes: (image.ProductCodes ?? []).flatMap((code) =>
                code.ProductCodeId ? [{ ProductCodeId: code.ProductCodeId, ProductCodeType: code.ProductCodeType }] : [],
              ),
            },
          ]
        : [],
    );
  };
}
