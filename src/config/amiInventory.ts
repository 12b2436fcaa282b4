/** One image as `aws ec2 describe-images` prints it (config `amiInventory`), reduced to what identifies its vendor. */
export interface AmiRecord {
  ImageId: string;
  OwnerId: string;
  ImageOwnerAlias?: string;
  Name?: string;
  SourceImageId?: string;
  ProductCodes?: Array<{ ProductCodeId: string; ProductCodeType?: string }>;
}

export type AmiInventory = ReadonlyMap<string, AmiRecord>;

export function buildInventory(images: AmiRecord[]): AmiInventory {
  return new Map(images.map((image) => [image.ImageId.toLowerCase(), image]));
}
