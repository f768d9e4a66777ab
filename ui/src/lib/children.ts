import { PROFILE_LIMITS } from "./bindings";

// The onboarding form's bounds, from houvast-core (generated into the bindings).
export const MAX_AGE = PROFILE_LIMITS.max_age;
export const MAX_CHILDREN = PROFILE_LIMITS.max_children;
export const MAX_PSEUDONYM_CHARS = PROFILE_LIMITS.max_pseudonym_chars;
