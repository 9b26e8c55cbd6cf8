import { afterEach, describe, expect, it } from "vitest";
import { ConnectionRepository } from "./connections";
import { tempDatabase, type TempDatabase } from "./testing";

let temp: TempDatabase;
afterEach(async () => temp?.cleanup());

// Two servers at once: PostgreSQL only (SQLite serves one server, whose one client runs one transaction at a time).
describe("removing a connection of registered hosts", () => {
  it("never removes a host that a claim committing meanwhile gave to a VM", async () => {
    temp = tempDatabase();
    const remover = new ConnectionRepository(temp.prisma);
    const claimer = temp.reopen();
    await temp.prisma.connection.create({ data: { name: "lab", provider: "ssh", region: "lab", regionKey: "ssh-lab", driver: "ssh" } });
    await temp.prisma.sshHost.create({ data: { id: "h1", connection: "lab", address: "10.0.0.5", name: "h1" } });
    // Another server claims the host in a transaction that commits only after the remove began.
    let claimed = () => {};
    const claimMade = new Promise<void>((resolve) => (claimed = resolve));
    let removeStarted = () => {};
    const started = new Promise<void>((resolve) => (removeStarted = resolve));
    const claim = claimer.$transaction(
      async (tx) => {
        expect((await tx.sshHost.updateMany({ where: { id: "h1", vmId: null }, data: { vmId: "vm-1", vmName: "web-1" } })).count).toBe(1);
        claimed();
        await started;
        await new Promise((r) => setTimeout(r, 300));
      },
      { timeout: 20_000 },
    );
    await claimMade;
    const removal = remover.remove("lab").then(
      () => "removed",
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    removeStarted();
    await claim;
    const outcome = await removal;
    const host = await temp.prisma.sshHost.findUnique({ where: { id: "h1" } });
    // The claim committed: the host is the VM's, so the connection stays, refused in words.
    expect(host?.vmId).toBe("vm-1");
    expect(outcome).toMatch(/connection "lab" still lends 1 host to VMs: h1 \(VM web-1\)/);
  });
});
