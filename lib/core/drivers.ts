/** The driver kinds a connection can name. `aws` and `ssh` join this list with their own drivers. */
export const DRIVER_KINDS = ["sim"] as const;
export type DriverKind = (typeof DRIVER_KINDS)[number];
