/** Injection token of the app's `MessageDefaults`, or `null` when requests must name everything. */
export const MESSAGE_DEFAULTS: unique symbol = Symbol('MESSAGE_DEFAULTS');
