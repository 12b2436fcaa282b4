/** Where GCP resources take a boot or source image, by Pulumi type token (paths use the SDK's input names). */
export const GCP_IMAGE_FIELDS: ReadonlyArray<{ type: string; paths: string[] }> = [
  { type: "gcp:compute/instance:Instance", paths: ["bootDisk.initializeParams.image"] },
  { type: "gcp:compute/instanceFromTemplate:InstanceFromTemplate", paths: ["bootDisk.initializeParams.image"] },
  { type: "gcp:compute/instanceTemplate:InstanceTemplate", paths: ["disks[*].sourceImage"] },
  { type: "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate", paths: ["disks[*].sourceImage"] },
  { type: "gcp:compute/disk:Disk", paths: ["image"] },
  { type: "gcp:compute/regionDisk:RegionDisk", paths: ["image"] },
  { type: "gcp:compute/image:Image", paths: ["sourceImage"] },
];
