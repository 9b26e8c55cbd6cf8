/**
 * Ends this browser's session through better-auth (which also clears the cookie), then goes to the
 * sign-in page. A session already revoked elsewhere signs out the same way.
 */
export async function signOut(): Promise<void> {
  try {
    await fetch("/api/auth/sign-out", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  } catch {
    // The server did not answer: the login page says so if the cookie still works.
  }
  // A full load, not a client navigation: nothing of the signed-in console (its cached answers) stays in memory.
  window.location.replace("/login");
}
