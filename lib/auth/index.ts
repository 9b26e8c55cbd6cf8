/** Users, roles, sessions, API tokens: the public entry for routes, actions and pages. */
export { createAuth, SIGN_IN_PER_MINUTE, type Auth } from "./better-auth";
export { authenticate, authorize, hasUsers, requirePrincipal, requireRole, type AuthDeps } from "./authenticate";
export { authConfigFromEnv, type AuthConfig } from "./config";
export type { Principal } from "./principal";
export { completeSetup, prepareSetup, setupTokenValid, type SetupDeps } from "./setup";
export { hashToken, issueToken, listTokens, revokeToken, type TokenView } from "./tokens";
export { createUser, deleteUser, listUsers, updateUser, type UserView } from "./users";
export { must } from "./must";
export { auditCsv, readAudit, type AuditEntryView } from "./audit-log";
export { listSessions, revokeSession, type SessionDeps } from "./sessions";
export { describeCaller } from "./caller";
export { mayReadNamespace } from "./namespace-access";
export { addressedHost } from "./origin";
export { agentCredential, type AgentCredential } from "./agent-credentials";
