import { z } from "zod";
import { emptyObjectSchema } from "@/lib/validation/common";
import { connectionCreateSchema, connectionDeleteSchema, connectionNameParamsSchema, connectionSchema, verifyResultSchema } from "@/lib/validation/connections";
import { endpoint } from "../endpoint";

export const listConnections = endpoint({
  method: "GET",
  path: "/api/v1/connections",
  tag: "connections", access: "viewer",
  summary: "Connections: provider + region + credential, the unit every driver call is made against",
  response: z.array(connectionSchema),
});

export const createConnection = endpoint({
  method: "POST",
  path: "/api/v1/connections",
  tag: "connections", access: "admin",
  summary: "Add a connection",
  body: connectionCreateSchema,
  response: connectionSchema,
  status: 201,
  errors: [400, 409],
});

export const deleteConnection = endpoint({
  method: "DELETE",
  path: "/api/v1/connections",
  tag: "connections", access: "admin",
  summary: "Remove a connection named in the query (?name=) or the body ({ name }): the same operation as DELETE /api/v1/connections/{name}",
  body: connectionDeleteSchema,
  bodyFromQuery: true,
  response: emptyObjectSchema,
  status: 204,
  errors: [400, 404],
});

export const getConnection = endpoint({
  method: "GET",
  path: "/api/v1/connections/{name}",
  tag: "connections", access: "viewer",
  summary: "One connection",
  params: connectionNameParamsSchema,
  response: connectionSchema,
  errors: [400, 404],
});

export const deleteConnectionByName = endpoint({
  method: "DELETE",
  path: "/api/v1/connections/{name}",
  tag: "connections", access: "admin",
  summary: "Remove a connection",
  params: connectionNameParamsSchema,
  response: emptyObjectSchema,
  status: 204,
  errors: [400, 404],
});

export const verifyConnection = endpoint({
  method: "POST",
  path: "/api/v1/connections/{name}/verify",
  tag: "connections", access: "operator",
  summary: "Call the connection's driver with one cheap read and show what it answered",
  description: "Answers 200 with ok: false and the driver's message when the cloud refuses; 404 when no such connection exists.",
  params: connectionNameParamsSchema,
  response: verifyResultSchema,
  errors: [400, 404],
});
