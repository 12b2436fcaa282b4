import { Ec2Image } from "../../src/resolve/online/ec2Images";
import { ImageLookup } from "../../src/resolve/online/imageLookup";

/** DescribeImages over a fixed set of images, failing like EC2 does when an id does not exist, and recording each call. */
function fakeEc2(images: Ec2Image[]) {
  const calls: string[][] = [];
  const describe = async (ids: string[]) => {
    calls.push(ids);
    const missing = ids.filter((id) => !images.some((image) => image.ImageId === id));
    if (missing.length > 0) throw Object.assign(new Error(`The image id '[${missing.join(", ")}]' does not exist`), { name: "InvalidAMIID.NotFound" });
    return images.filter((image) => ids.includes(image.ImageId));
  };
  return { calls, describe };
}

const image = (id: string): Ec2Image => ({ ImageId: id, OwnerId: "111122223333" });

describe("ImageLookup", () => {
  it("asks for the ids requested in one turn of the event loop in one call, each once", async () => {
    const ec2 = fakeEc2([image("ami-01"), image("ami-02")]);
    const lookup = new ImageLookup("us-east-1", ec2.describe);
    await Promise.all([lookup.lookup("ami-01"), lookup.lookup("ami-02"), lookup.lookup("ami-01")]);
    expect(ec2.calls).toEqual([["ami-01", "ami-02"]]);
  });

  it("answers a repeated id from the run's cache", async () => {
    const ec2 = fakeEc2([image("ami-01")]);
    const lookup = new ImageLookup("us-east-1", ec2.describe);
    await lookup.lookup("ami-01");
    expect(await lookup.lookup("AMI-01")).toEqual({ image: image("ami-01") });
    expect(ec2.calls).toHaveLength(1);
  });

  it("asks for each id alone when EC2 refuses a batch for one missing id, and reports only that one as not found", async () => {
    const ec2 = fakeEc2([image("ami-01")]);
    const lookup = new ImageLookup("eu-west-1", ec2.describe);
    const [found, missing] = await Promise.all([lookup.lookup("ami-01"), lookup.lookup("ami-09")]);
    expect(found).toEqual({ image: image("ami-01") });
    expect(missing).toEqual({ failure: expect.stringContaining("EC2 DescribeImages in eu-west-1 does not know it") });
  });

  it("reports any other error for every id of the batch, with the error's name", async () => {
    const lookup = new ImageLookup("us-east-1", async () => {
      throw Object.assign(new Error("User is not authorized to perform: ec2:DescribeImages"), { name: "UnauthorizedOperation", $metadata: { attempts: 1 } });
    });
    expect(await lookup.lookup("ami-01")).toEqual({
      failure: "EC2 DescribeImages in us-east-1 failed: UnauthorizedOperation: User is not authorized to perform: ec2:DescribeImages",
    });
  });
});
