/** Raised for a bad setting on either runtime; the message is one line naming the variable. */
export class ConfigError extends Error {}
