/** The driver kinds a connection can name: the simulator, your own servers over SSH, and Amazon EC2. */
export const DRIVER_KINDS = ["sim", "ssh", "aws"] as const;
export type DriverKind = (typeof DRIVER_KINDS)[number];
