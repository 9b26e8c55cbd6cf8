import { describe, expect, it } from "vitest";
import { endpointAccess } from "./endpoint-access";
import * as groups from "./endpoints";

describe("the endpoint access table the console receives", () => {
  const table = endpointAccess();

  it("names every endpoint of every module with the role its object declares", () => {
    let count = 0;
    for (const [group, endpoints] of Object.entries(groups)) {
      if (group === "ALL_ENDPOINTS") continue;
      for (const [name, ep] of Object.entries(endpoints)) {
        expect((table as unknown as Record<string, Record<string, { access: string }>>)[group][name], `${group}.${name}`).toEqual({ access: ep.access });
        count++;
      }
    }
    expect(count).toBe(groups.ALL_ENDPOINTS.length);
  });

  it("carries the roles the console's controls are hidden by", () => {
    expect(table.connections.createConnection.access).toBe("admin");
    expect(table.connections.verifyConnection.access).toBe("operator");
    expect(table.provisioning.createMci.access).toBe("operator");
    expect(table.provisioning.listMcis.access).toBe("viewer");
  });

  it("is plain data a server component can hand to the browser (no schema rides along)", () => {
    expect(JSON.parse(JSON.stringify(table))).toEqual(table);
    expect(JSON.stringify(table).length).toBeLessThan(5_000);
  });
});
