/**
 * Sign-in attempts per account, beside better-auth's per-address limit: an address can be
 * spoofed with X-Forwarded-For when no proxy sets it, an email cannot be guessed around.
 * In memory: a restart forgets, which costs an attacker one restart per minute of guessing.
 */
export class SignInLimit {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records an attempt for `email`; answers the seconds to wait when it is one too many, else null. */
  attempt(email: string): number | null {
    const t = this.now();
    const key = email.trim().toLowerCase();
    const recent = (this.attempts.get(key) ?? []).filter((at) => t - at < this.windowMs);
    if (recent.length >= this.max) {
      this.attempts.set(key, recent);
      return Math.max(1, Math.ceil((recent[0] + this.windowMs - t) / 1000));
    }
    recent.push(t);
    this.attempts.set(key, recent);
    if (this.attempts.size > 10_000) this.prune(t);
    return null;
  }

  private prune(t: number): void {
    for (const [k, v] of this.attempts) if (v.every((at) => t - at >= this.windowMs)) this.attempts.delete(k);
  }
}
