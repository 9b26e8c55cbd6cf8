import type { Endpoint } from "../endpoint";
import * as accounts from "./accounts";
import * as apps from "./apps";
import * as catalogue from "./catalogue";
import * as commands from "./commands";
import * as connections from "./connections";
import * as credentials from "./credentials";
import * as fleet from "./fleet";
import * as hostKeys from "./host-keys";
import * as influx from "./influx";
import * as monitoring from "./monitoring";
import * as placement from "./placement";
import * as provisioning from "./provisioning";
import * as system from "./system";

/** Every REST operation, in the order the document lists them. */
export const ALL_ENDPOINTS: Endpoint[] = [
  ...Object.values(system),
  ...Object.values(catalogue),
  ...Object.values(connections),
  ...Object.values(credentials),
  ...Object.values(hostKeys),
  ...Object.values(provisioning),
  ...Object.values(fleet),
  ...Object.values(commands),
  ...Object.values(apps),
  ...Object.values(placement),
  ...Object.values(monitoring),
  ...Object.values(influx),
  ...Object.values(accounts),
];

export { accounts, apps, catalogue, commands, connections, credentials, fleet, hostKeys, influx, monitoring, placement, provisioning, system };
