import { fleetSchema } from "@/lib/validation/fleet";
import { endpoint } from "../endpoint";

export const getFleet = endpoint({
  method: "GET",
  path: "/api/v1/fleet",
  tag: "mci",
  access: "viewer",
  summary: "Every MCI's VMs in the namespaces the caller may read, counted per region (status, CPU) and per MCI: the home map's fleet layer",
  description:
    "A summary, not a VM list: 10,000 VMs over 100 regions are tens of KB. Rebuilt at most once a second while MCIs change and every 10 s for CPU; send If-None-Match with the ETag to get 304 while nothing changed.",
  response: fleetSchema,
});
