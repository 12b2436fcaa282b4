/**
 * Pulumi's wire encoding of property values, as the engine sends them to an analyzer
 * (google.protobuf.Struct with these sentinels). Tests and fixtures build real shapes
 * with these helpers rather than hand-writing magic strings.
 */

export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG_VALUE = "1b47061264138c4ac30d75fd1eb44270";

/** An unknown (computed) value during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface WireSecret<T = unknown> {
    [SECRET_SIG_KEY]: typeof SECRET_SIG_VALUE;
    value: T;
}

export function secret<T>(value: T): WireSecret<T> {
    return { [SECRET_SIG_KEY]: SECRET_SIG_VALUE, value } as WireSecret<T>;
}

export function isWireSecret(v: unknown): v is WireSecret {
    return typeof v === "object" && v !== null && (v as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG_VALUE;
}

export function isUnknown(v: unknown): boolean {
    return v === UNKNOWN;
}

export function urnFor(type: string, name: string, stack = "dev", project = "example"): string {
    return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}
