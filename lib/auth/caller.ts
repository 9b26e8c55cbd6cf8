import type { UserRepository } from "@/lib/store";
import type { CallerView } from "@/lib/validation/account";
import type { Principal } from "./principal";
import { toUserView } from "./users";

/** Who is asking, with the user behind them (a token's owner) as the users list shows it. */
export async function describeCaller(deps: { users: UserRepository }, p: Principal): Promise<CallerView> {
  const user = p.userId ? await deps.users.find(p.userId) : null;
  return { kind: p.kind, name: p.name, role: p.role, namespaceRoles: p.namespaceRoles, tokenId: p.tokenId, user: user ? toUserView(user) : null };
}
