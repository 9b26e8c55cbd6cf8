import { ROLES, type Role } from "@/lib/core/roles";

export const ROLE_WORDS: Record<Role, string> = {
  viewer: "viewer: reads everything",
  operator: "operator: changes clouds and MCIs",
  admin: "admin: everything, users too",
};

/** The options of a role select, each saying what the role may do. */
export function RoleOptions() {
  return (
    <>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {ROLE_WORDS[r]}
        </option>
      ))}
    </>
  );
}
