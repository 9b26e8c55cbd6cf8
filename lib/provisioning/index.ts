/**
 * Provisioning's public entry: connections, namespaces and MCIs as the console and the API use
 * them. The reconciler and its steps stay inside.
 */
export { addConnection, builtinConnections, getConnection, listConnections, removeConnection, verifyConnection, type ConnectionDeps } from "./connections";
export { addSubGroup, applyAction, cloudVms, createMci, deleteMci, getMci, listMcis, mciEvents, scaleOut, type CreateAnswer } from "./mci";
export { createNamespace, DEFAULT_NAMESPACE, deleteNamespace, ensureDefaultNamespace, listNamespaces, namespaceSshKey, requireNamespace } from "./namespaces";
export { cachedMciView, type CachedView } from "./view-cache";
export { mciWatchStream, watchHub } from "./watch";
