// The import path the README gives packs of their own; the patch lives with the pack's other SDK reliances.
export { shareDeserializedProperties } from "./policySdk";
