import { z } from "zod";
import { connectionNameParamsSchema } from "@/lib/validation/connections";
import {
  acceptedSchema,
  cloudVmSchema,
  mciActionSchema,
  mciCreateSchema,
  mciEventSchema,
  mciParamsSchema,
  mciSchema,
  namespaceCreateSchema,
  namespaceSchema,
  nsParamsSchema,
  reviewSchema,
  scaleSchema,
  subGroupParamsSchema,
  subGroupRequestSchema,
} from "@/lib/validation/mci";
import { endpoint } from "../endpoint";

export const listNamespaces = endpoint({ method: "GET", path: "/api/v1/namespaces", tag: "namespaces", access: "viewer", summary: "Namespaces (default always exists)", response: z.array(namespaceSchema) });

export const createNamespace = endpoint({
  method: "POST",
  path: "/api/v1/namespaces",
  tag: "namespaces", access: "operator",
  summary: "Add a namespace; it gets its own SSH key",
  body: namespaceCreateSchema,
  response: namespaceSchema,
  status: 201,
  errors: [400, 409],
});

export const deleteNamespace = endpoint({
  method: "DELETE",
  path: "/api/v1/namespaces/{ns}",
  tag: "namespaces", access: "operator",
  summary: "Remove an empty namespace and its SSH key (409 while it holds MCIs; default stays)",
  description: "Delete its MCIs first and wait until they are gone: the answer is 409, in words, while any remains or its network is still being freed. The namespace `default` cannot be removed.",
  params: nsParamsSchema,
  status: 204,
  errors: [404, 409],
});

export const namespaceSshKey = endpoint({
  method: "GET",
  path: "/api/v1/ns/{ns}/ssh-key",
  tag: "namespaces", access: "operator",
  // Handing out a key that opens every VM of the namespace is recorded like a change.
  audit: true,
  summary: "The namespace's SSH private key (OpenSSH format, text/plain): every VM in it accepts it",
  description: "The key is kept in the credentials vault; each download is audited. 503 when the vault cannot open it (the message says which key the server needs).",
  params: nsParamsSchema,
  errors: [404, 503],
});

export const listMcis = endpoint({ method: "GET", path: "/api/v1/ns/{ns}/mci", tag: "mci", access: "viewer", summary: "MCIs of a namespace", params: nsParamsSchema, response: z.array(mciSchema), errors: [404] });

export const createMci = endpoint({
  method: "POST",
  path: "/api/v1/ns/{ns}/mci",
  tag: "mci", access: "operator",
  summary: "Create an MCI (202, made by the reconciler); with dryRun: true, answer the review (200) and make nothing",
  params: nsParamsSchema,
  body: mciCreateSchema,
  response: z.union([mciSchema, reviewSchema]),
  status: 202,
  errors: [400, 404, 409],
});

export const getMci = endpoint({ method: "GET", path: "/api/v1/ns/{ns}/mci/{id}", tag: "mci", access: "viewer", summary: "One MCI with its status, counts, cost and VMs", params: mciParamsSchema, response: mciSchema, errors: [404] });

export const watchMci = endpoint({
  method: "GET",
  path: "/api/v1/ns/{ns}/mci/{id}/watch",
  tag: "mci", access: "viewer",
  summary: "Server-Sent Events (text/event-stream) of the MCI's view: the whole view once, then only what changes",
  description: [
    "First `event: snapshot` with the whole view (the same JSON as GET …/mci/{id}), then, as the database changes (read about once a second, whichever server wrote it):",
    "`event: mci` with the MCI's own fields that changed, each whole (status, state, statusCount, costPerHour, subGroups …);",
    "`event: vms` with the VMs that are new or changed, each whole (a VM as in the view's vms);",
    "`event: removed` with the ids of VMs that are gone; `event: events` with new entries of the MCI's event log (as GET …/mci/{id}/events).",
    "Apply them in order: replace a VM by id (a new one goes in name order), drop the removed ones, merge the fields. Every event has an `id:`.",
    "A comment line (`: heartbeat`) comes every 15 s. When the MCI is deleted, `event: end` {reason, message} comes and the server closes the stream.",
    "A client that reconnects gets a fresh snapshot. 404 (JSON, before the stream starts) for an unknown MCI.",
  ].join(" "),
  params: mciParamsSchema,
  errors: [404],
});

export const deleteMci = endpoint({
  method: "DELETE",
  path: "/api/v1/ns/{ns}/mci/{id}",
  tag: "mci", access: "operator",
  summary: "Terminate what runs, then remove the MCI",
  params: mciParamsSchema,
  response: acceptedSchema,
  status: 202,
  errors: [404],
});

export const mciAction = endpoint({
  method: "POST",
  path: "/api/v1/ns/{ns}/mci/{id}/actions",
  tag: "mci", access: "operator",
  summary: "Suspend, resume, reboot, terminate or refine the MCI, one subgroup or chosen VMs; an invalid transition answers 409 with the reason",
  params: mciParamsSchema,
  body: mciActionSchema,
  response: acceptedSchema,
  status: 202,
  errors: [400, 404, 409],
});

export const addSubGroup = endpoint({
  method: "POST",
  path: "/api/v1/ns/{ns}/mci/{id}/subgroups",
  tag: "mci", access: "operator",
  summary: "Add a subgroup to an MCI",
  params: mciParamsSchema,
  body: subGroupRequestSchema,
  response: mciSchema,
  status: 202,
  errors: [400, 404, 409],
});

export const scaleSubGroup = endpoint({
  method: "POST",
  path: "/api/v1/ns/{ns}/mci/{id}/subgroups/{name}/scale",
  tag: "mci", access: "operator",
  summary: "Scale a subgroup out by { add: n } VMs",
  params: subGroupParamsSchema,
  body: scaleSchema,
  response: mciSchema,
  status: 202,
  errors: [400, 404, 409],
});

export const mciEvents = endpoint({ method: "GET", path: "/api/v1/ns/{ns}/mci/{id}/events", tag: "mci", access: "viewer", summary: "The MCI's event log, newest first", params: mciParamsSchema, response: z.array(mciEventSchema), errors: [404] });

export const connectionVms = endpoint({
  method: "GET",
  path: "/api/v1/connections/{name}/vms",
  tag: "connections", access: "viewer",
  summary: "What the cloud itself reports for this connection, to compare with what Barista believes",
  params: connectionNameParamsSchema,
  response: z.array(cloudVmSchema),
  errors: [404, 429],
});
