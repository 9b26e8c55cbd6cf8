export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("./lib/server/startup");
    try {
      await startServer();
    } catch (e) {
      // Next would log the failure and keep listening, answering 500 to every request; a bad
      // setting or a database that cannot be brought up to date should stop the server instead.
      console.error(`[barista] cannot start: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    }
  }
}
