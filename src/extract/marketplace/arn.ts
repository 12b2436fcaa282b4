/** The parts of an ARN: arn:<partition>:<service>:<region>:<account>:<resource>. */
interface Arn {
  service: string;
  region: string;
  account: string;
  resource: string;
}

const ARN = /^arn:aws[a-z-]*:([a-z0-9-]+):([a-z0-9-]*):(\d{12}):(\S+)$/;

export function parseArn(text: string): Arn | undefined {
  const match = ARN.exec(text);
  return match ? { service: match[1], region: match[2], account: match[3], resource: match[4] } : undefined;
}
